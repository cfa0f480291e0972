import { ApiError } from '../../api/client';

/**
 * What the server's refusals of an edit mean for the form: a 422's faults by the field they
 * concern (JSON pointers `/properties/<name>`, `/geometry`), and a 412's account of whose
 * change won, so the editor can offer to reload or to re-apply instead of overwriting.
 */

export interface GeometryFault {
  detail: string;
  /** Where the fault is, in the coordinates as sent (CRS84). */
  location: [number, number] | null;
}

export interface FormFaults {
  /** Attribute name → what is wrong with it. */
  fields: Record<string, string[]>;
  geometry: GeometryFault[];
  /** Faults that name no field (the body as a whole). */
  other: string[];
}

interface Fault {
  pointer?: string;
  parameter?: string;
  detail?: string;
  location?: unknown;
}

const isPosition = (v: unknown): v is [number, number] => Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number');

/** Sorts a 422's `errors[]` by field. `/features/3/properties/x` (a batch) counts as field x. */
export function formFaults(error: ApiError): FormFaults {
  const out: FormFaults = { fields: {}, geometry: [], other: [] };
  const faults = Array.isArray(error.problem.errors) ? (error.problem.errors as Fault[]) : [];
  for (const fault of faults) {
    const detail = fault.detail ?? error.detail ?? error.title;
    const pointer = (fault.pointer ?? '').replace(/^\/features\/\d+/, '');
    const field = /^\/properties\/([^/]+)/.exec(pointer)?.[1];
    if (field) (out.fields[decodePointer(field)] ??= []).push(detail);
    else if (pointer.startsWith('/geometry')) out.geometry.push({ detail, location: isPosition(fault.location) ? [fault.location[0], fault.location[1]] : null });
    else out.other.push(detail);
  }
  if (faults.length === 0) out.other.push(error.detail ?? error.title);
  return out;
}

/** RFC 6901: `~1` is `/`, `~0` is `~`. */
const decodePointer = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** Whose change an edit ran into (a 412 `precondition-failed`). */
export interface StaleEdit {
  updatedBy: string | null;
  updatedAt: Date | null;
  /** The ETag to send to apply the edit on top of theirs. */
  currentETag: string | null;
  currentVersion: number | null;
  deleted: boolean;
}

export function staleEdit(error: unknown): StaleEdit | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const p = error.problem;
  const at = typeof p.updatedAt === 'string' ? new Date(p.updatedAt) : null;
  return {
    updatedBy: typeof p.updatedBy === 'string' ? p.updatedBy : null,
    updatedAt: at && !Number.isNaN(at.getTime()) ? at : null,
    currentETag: typeof p.currentETag === 'string' ? p.currentETag : null,
    currentVersion: typeof p.currentVersion === 'number' ? p.currentVersion : null,
    deleted: p.deleted === true,
  };
}

/** `"<uuid>-v<version>"` → version; Jetty's gzip handler may add `--gzip` inside the quotes. */
export function versionOfTag(etag: string | null): number | null {
  const m = /-v(\d+)(?:--[a-z]+)?"?$/.exec(etag ?? '');
  return m ? Number(m[1]) : null;
}

export function tagOf(id: string, version: number): string {
  return `"${id}-v${version}"`;
}
