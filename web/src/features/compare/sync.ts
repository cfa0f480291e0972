/** The part of a MapLibre map that twin maps need: its camera and its move events. */
export interface Camera {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getBearing(): number;
  jumpTo(options: { center: [number, number]; zoom: number; bearing: number }): unknown;
  on(type: 'move', listener: () => void): unknown;
  off(type: 'move', listener: () => void): unknown;
}

/**
 * Keeps two maps on the same view: whichever one the user moves (drag, wheel, keys, buttons), the
 * other jumps to its centre, zoom and bearing in the same frame. The guard stops the echo: the
 * follower's own `move` event, fired inside `jumpTo`, must not move the leader back. Returns the
 * function that unties them.
 */
export function syncCameras(a: Camera, b: Camera): () => void {
  let following = false;
  const follow = (leader: Camera, follower: Camera) => (): void => {
    if (following) return;
    following = true;
    try {
      const { lng, lat } = leader.getCenter();
      follower.jumpTo({ center: [lng, lat], zoom: leader.getZoom(), bearing: leader.getBearing() });
    } finally {
      following = false;
    }
  };
  const fromA = follow(a, b);
  const fromB = follow(b, a);
  a.on('move', fromA);
  b.on('move', fromB);
  return () => {
    a.off('move', fromA);
    b.off('move', fromB);
  };
}
