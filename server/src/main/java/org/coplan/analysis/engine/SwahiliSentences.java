package org.coplan.analysis.engine;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Swahili sentence of every conflict type ({@link Sentences} has the English ones, with the
 * same parameters), and the Swahili of the English words the checks put into parameters: a
 * feature's label ("Proposed footpath P-12", "stormwater drain 'Msimbazi'"), a distance ("far",
 * "120 m along the paths"), a load ("40 households"), a consequence (": relocation needed"). Names
 * planners gave (in quotes) and feature numbers stay as they are; a parameter that matches none of
 * these is left as it is, so a new English phrase shows up untranslated rather than wrong.
 */
final class SwahiliSentences {
  static final Map<ConflictType, String> TEMPLATES = new EnumMap<>(ConflictType.class);

  static {
    TEMPLATES.put(ConflictType.CORRIDOR_RELOCATION,
        "{path} ({width} m) inachukua {share}% ya jengo {structure} ({area} m²), na kubakiza chini ya"
            + " {keep}% au {minArea} m² zilizokubaliwa: jengo linahitaji kuhamishwa.");
    TEMPLATES.put(ConflictType.CORRIDOR_TRIM,
        "{path} ({width} m) inachukua {share}% ya jengo {structure} ({area} m²): jengo linaweza kupunguzwa.");
    TEMPLATES.put(ConflictType.PATH_CROSSES_STRUCTURE,
        "{path} inakatiza jengo {structure} kwenye ramani: kimojawapo kimechorwa vibaya (ubora wa data, si"
            + " kuhamisha).");
    TEMPLATES.put(ConflictType.CONSTRAINT_NO_BUILD,
        "{feature} iko ndani ya {constraint} (hakuna ujenzi) au eneo lake la hifadhi la m {setback}{consequence}.");
    TEMPLATES.put(ConflictType.CONSTRAINT_CONDITIONAL,
        "{feature} iko ndani ya {constraint} (kwa masharti) au eneo lake la hifadhi la m {setback}: kagua masharti.");
    TEMPLATES.put(ConflictType.CONSTRAINT_ADVISORY,
        "{feature} iko ndani ya {constraint} au eneo lake la hifadhi la m {setback} (ushauri).");
    TEMPLATES.put(ConflictType.SERVICE_IN_STRUCTURE, "{service} imewekwa ndani ya jengo {structure}.");
    TEMPLATES.put(ConflictType.SERVICE_IN_CORRIDOR, "{service} imewekwa ndani ya ukanda wa {path}.");
    TEMPLATES.put(ConflictType.TOILET_NEAR_WATER,
        "{service} iko m {distance} kutoka {water}, karibu kuliko m {norm} zilizokubaliwa kati ya vyoo na vituo"
            + " vya maji.");
    TEMPLATES.put(ConflictType.WATER_ACCESS,
        "Jengo {structure} liko {distance} kutoka bomba la maji lililo karibu zaidi; mwendo uliokubaliwa ni m"
            + " {norm} au chini.");
    TEMPLATES.put(ConflictType.TOILET_ACCESS,
        "Jengo {structure} liko {distance} kutoka choo kilicho karibu zaidi; mwendo uliokubaliwa ni m {norm} au"
            + " chini.");
    TEMPLATES.put(ConflictType.FIRE_ACCESS,
        "Jengo {structure} liko {distance} kutoka barabara iliyo karibu zaidi, mbali kuliko bomba la zimamoto"
            + " linavyofika (m {norm} kutoka barabara ya changarawe, m {paved} kutoka barabara ya lami).");
    TEMPLATES.put(ConflictType.NOT_CONNECTED,
        "Jengo {structure} liko {distance} kutoka njia iliyo karibu zaidi, mbali kuliko m {norm} zinazohesabiwa"
            + " kuwa limeunganishwa na mtandao wa njia.");
    TEMPLATES.put(ConflictType.SERVICE_OVERLOADED,
        "{service} ndiyo iliyo karibu zaidi kwa {load}, zaidi ya {norm} inayokusudiwa kuhudumia.");
    TEMPLATES.put(ConflictType.NO_FRONTAGE,
        "Jengo {structure} halina njia ya miguu wala barabara ndani ya m {norm}: halina upande unaofikika.");
    TEMPLATES.put(ConflictType.BLOCK_DEPTH,
        "Kitalu cha majengo {count} kina tabaka {depth}: majengo {deepest} hufikia njia kupitia majengo"
            + " mengine {through} tu (yaliyokubaliwa: si zaidi ya {norm}).");
    TEMPLATES.put(ConflictType.FIRE_CLUSTER,
        "Majengo {count} yako karibu kuliko m {norm} kati yao, zaidi ya {max} yaliyokubaliwa bila kizuizi cha"
            + " moto.");
    TEMPLATES.put(ConflictType.OVERLAPPING_CORRIDORS,
        "{line} inapita m {length} ndani ya ukanda wa {other}, zaidi ya m {norm} zilizokubaliwa ambazo sekta"
            + " mbili zinaweza kushiriki: oanisheni mipango ya sekta.");
    TEMPLATES.put(ConflictType.SERVICE_NEAR_DRAIN,
        "{service} iko m {distance} kutoka {drain}, ndani ya m {norm} zilizokubaliwa kuachwa wazi kando ya"
            + " mifereji na mabomba ya maji taka.");
  }

  /** Kinds of feature as the labels name them (Path, Service, Constraint), in Swahili. */
  private static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("footpath", "njia ya miguu"),
      Map.entry("lane", "njia ndogo"),
      Map.entry("road", "barabara"),
      Map.entry("water point", "kituo cha maji"),
      Map.entry("toilet", "choo"),
      Map.entry("toilet block", "jengo la vyoo"),
      Map.entry("electricity connection", "muunganisho wa umeme"),
      Map.entry("electricity pole", "nguzo ya umeme"),
      Map.entry("street light", "taa ya barabarani"),
      Map.entry("high mast light", "taa ya mnara mrefu"),
      Map.entry("fire hydrant", "bomba la zimamoto"),
      Map.entry("fire point", "kituo cha zimamoto"),
      Map.entry("waste skip", "kontena la taka"),
      Map.entry("stormwater drain", "mfereji wa maji ya mvua"),
      Map.entry("sewer", "bomba la maji taka"),
      Map.entry("social facility", "huduma ya jamii"),
      Map.entry("public space", "eneo la wazi la umma"),
      Map.entry("flood zone", "eneo la mafuriko"),
      Map.entry("flood line", "mstari wa mafuriko"),
      Map.entry("watercourse", "mkondo wa maji"),
      Map.entry("drain", "mfereji"),
      Map.entry("steep slope", "mteremko mkali"),
      Map.entry("unstable soil", "udongo usio imara"),
      Map.entry("wetland", "ardhioevu"),
      Map.entry("water body", "eneo la maji"),
      Map.entry("erosion gully", "korongo la mmomonyoko"),
      Map.entry("servitude", "ardhi ya huduma (servitude)"),
      Map.entry("dolomite", "dolomiti"),
      Map.entry("landfill", "dampo"));

  /** A path's planning state, after its noun (njia, barabara: the N class). */
  private static final Map<String, String> STATES = Map.of(
      "existing", "iliyopo", "proposed", "inayopendekezwa", "agreed", "iliyokubaliwa", "built", "iliyojengwa");

  private static final Map<String, String> PHRASES = Map.of(
      ": relocation needed", ": jengo linahitaji kuhamishwa",
      ": move the service", ": hamisha huduma",
      ": reroute the path", ": badilisha njia inapopita",
      "far", "mbali",
      // it stands where a distance stands ("liko ___ kutoka"): far, with no path to it
      "not reachable along the paths", "mbali, bila njia ya kufika");

  private static final Pattern LABEL = Pattern.compile(
      "(?:(existing|proposed|agreed|built) )?([a-z ]+?)( '.*'| [PVCS]-\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern MORE = Pattern.compile("(.+) and (\\d+) more");
  private static final Pattern STRUCTURE = Pattern.compile("Structure (.+)");
  private static final Pattern ALONG = Pattern.compile("(\\d+) m along the paths");
  private static final Pattern METRES = Pattern.compile("(\\d+) m");
  private static final Pattern LOAD = Pattern.compile("(\\d+) (people|households)");

  private SwahiliSentences() {}

  /** The Swahili of an English parameter value; what it does not know, as it is. */
  static String term(String english) {
    String phrase = PHRASES.get(english);
    if (phrase != null) {
      return phrase;
    }
    Matcher m;
    if ((m = MORE.matcher(english)).matches()) {
      return term(m.group(1)) + " na nyingine " + m.group(2);
    }
    if ((m = STRUCTURE.matcher(english)).matches()) {
      return "Jengo " + m.group(1);
    }
    if ((m = ALONG.matcher(english)).matches()) {
      return "m " + m.group(1) + " kwa kufuata njia";
    }
    if ((m = METRES.matcher(english)).matches()) {
      return "m " + m.group(1);
    }
    if ((m = LOAD.matcher(english)).matches()) {
      return (m.group(2).equals("people") ? "watu " : "kaya ") + m.group(1);
    }
    if ((m = LABEL.matcher(english)).matches()) {
      String kind = KINDS.get(m.group(2).toLowerCase(Locale.ROOT));
      if (kind != null) {
        String state = m.group(1) == null ? "" : " " + STATES.get(m.group(1).toLowerCase(Locale.ROOT));
        String out = kind + state + m.group(3);
        return Character.isUpperCase(english.charAt(0)) ? Character.toUpperCase(out.charAt(0)) + out.substring(1) : out;
      }
    }
    return english;
  }
}
