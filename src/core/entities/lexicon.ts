// English vocabulary the extractor reasons with: function words, titles, head nouns and cue words.
// These are closed classes of the language (no names of particular people, places or organisations).

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

const folded = new Map<string, string>();

/** Folds a name for comparison: diacritics, case, quotes, dashes, `defense`/`defence`. */
export function keyOf(s: string): string {
  let k = folded.get(s);
  if (k === undefined) {
    if (folded.size > 200_000) folded.clear();
    folded.set(s, (k = PRINTABLE_ASCII.test(s) ? foldAscii(s) : fold(s)));
  }
  return k;
}

/** Printable ASCII without a backquote: nothing to decompose or map but case, `defense` and spaces. */
const PRINTABLE_ASCII = /^[\x20-\x5f\x61-\x7e]*$/;

/** {@link fold} for {@link PRINTABLE_ASCII} text (the same result, without Unicode normalisation). */
function foldAscii(s: string): string {
  let k = s.toLowerCase();
  if (k.includes('defense')) k = k.replace(/\bdefense\b/g, 'defence');
  return k.includes('  ') || k.startsWith(' ') || k.endsWith(' ') ? k.replace(/ +/g, ' ').trim() : k;
}

/** The full Unicode fold behind {@link keyOf} (exported for tests: the ASCII shortcut must agree with it). */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐ]/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/ı/g, 'i')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase()
    .replace(/\bdefense\b/g, 'defence')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words that start sentences or sit in capitalised runs without being names. */
export const FUNCTION_WORDS =
  set(`a an the this that these those there here it its he she they we i you his her their our my your
  and or but nor yet so if as at by for from in into of off on onto out over to up with without within via per than then
  after before during while when where whereas whether though although because since until unless despite amid among
  about above across against along around behind below beneath beside between beyond under upon toward towards
  both either neither each every all any some many most much more few several such no not other another
  however nevertheless meanwhile moreover furthermore also still yet thus hence instead indeed ironically separately
  according given including following regarding like unlike what which who whom whose why how
  mr mrs ms dr meanwhile yes oh please let last next first second third new now today yesterday tomorrow`);

/** Months and weekdays: capitalised but never entities on their own. */
export const CALENDAR = set(`january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday`);

/** Generic abbreviations that are not names of anything. */
export const NON_ENTITY_ACRONYMS =
  set(`ceo cfo coo cto gdp r&d ai it tv pm am mp km kg mw gw usd eur ok id faq pdf ceos vip
  covid hiv aids ngo ngos ipo etf q1 q2 q3 q4 jr sr st no vs inc ltd`);

/** Words that, last in a run of capitalised words, name what a title is (`Defence Secretary`, `Major General`). */
export const TITLE_HEADS = set(`president minister secretary ambassador general gen admiral adm colonel col captain capt
  lieutenant lt major maj commander cdr marshal brigadier brig sergeant director chief chairman chairwoman chair chancellor
  governor mayor senator sen representative rep congressman congresswoman judge justice king queen prince princess emir
  sheikh sultan pope cardinal bishop archbishop rabbi imam dr mr mrs ms sir dame lord lady professor prof spokesman
  spokeswoman spokesperson advisor adviser ceo cfo coo cto founder mp mep pm dg envoy commissioner premier speaker leader
  inspector superintendent officer head counsel attorney executive vice-president deputy`);

/** Words that may stand before a title head inside the title (`Prime`, `Deputy`, `National Security`). */
export const TITLE_MODIFIERS =
  set(`prime deputy vice former acting foreign defence defense finance interior home trade national
  security permanent executive managing senior assistant joint principal federal state field supreme high under
  chief general air naval army economy health education energy justice labour labor agriculture commerce industry
  environment transport culture information external internal affairs relations international special lieutenant major
  opposition party regional provincial group police military rear retd res`);

/** Title heads that mean a plain honorific (`Mr`, `Dr`), not a role worth describing. */
export const HONORIFICS = set('mr mrs ms dr sir dame lord lady prof');

/** Parenthesised notes after military ranks (`Maj Gen (Res) Amir Baram`), skipped when reading names. */
export const RANK_NOTES = /^\((?:res|retd|rtd|retired|ret|r|hon)\.?\)$/i;

/** Last words that make a run an organisation (`Ministry`, `Office`, `Group`, `Bank`). */
export const ORG_HEADS =
  set(`ministry office department agency group board council committee commission forum bank company
  corporation corp inc ltd llc plc gmbh ag sa systems technologies technology industries university college institute party
  army navy forces force court parliament assembly senate congress organisation organization union association federation authority service
  services police guard command airlines airways foundation fund network coalition front movement club times post news press
  semiconductors motors electric dynamics aerospace energy holdings group partners capital labs societies society nations
  programme program secretariat cabinet government junta corps brigade division regiment battalion fleet bureau centre center
  chamber embassy consulate mission observatory laboratory hospital school academy trust exchange reserve sciences
  pharmaceuticals therapeutics`);

/** First words that make `X of Y` an organisation (`Ministry of Defence`, `Bank of England`). */
export const ORG_OPENERS =
  set(`ministry department bank board council university institute office court chamber league organisation
  organization association federation union commission committee house museum agency secretariat`);

/** Last words that make a run an agreement (`Strategic Military Defence Agreement`). */
export const AGREEMENT_HEADS =
  set(`agreement accord accords treaty pact memorandum deal framework convention protocol charter
  declaration act understanding partnership compact`);

/** Last words that make a run an event (`ASEAN Defence Ministers' Meeting-Plus`). */
export const EVENT_HEADS =
  set(`summit conference meeting dialogue games olympics war crisis earthquake election elections
  referendum massacre uprising revolution offensive talks festival cup championship expo`);

/** First words that make a run an event (`Operation Rising Lion`, `Cyclone Mocha`). */
export const EVENT_OPENERS = set('operation exercise cyclone hurricane typhoon storm tropical');

/** Last words that make a run a place (`Rakhine State`, `Baltic Sea`, `Suwałki Gap`). */
export const PLACE_HEADS =
  set(`sea ocean gulf strait straits valley river mountains mountain range peninsula region province state
  county district island islands bay coast desert basin plateau lake canal gap pass corridor base airport port harbour
  harbor square palace city territory territories oblast prefecture governorate emirate heights hills plain delta`);

/** Macro-regions and seas that no country list holds. */
export const REGIONS = set(`pacific atlantic arctic antarctic mediterranean caribbean balkans caucasus sahel gulf levant
  maghreb scandinavia`);

/** Compass words that make a continent or region into a place (`South Asia`, `Middle East`). */
export const COMPASS = set(
  'north south east west northern southern eastern western central middle far near upper lower southeast northeast southwest northwest',
);

/** Lower-case words after a name that say what it is (`I2U2 grouping`, `Harpy kamikaze drones`). */
export const CUE_AFTER: Record<string, string> = {};
const cues: Array<[string, string]> = [
  ['group', 'grouping bloc alliance'],
  [
    'weapon_system',
    `drone drones missile missiles jet jets fighter fighters aircraft tank tanks launcher launchers rifle rifles
    howitzer howitzers helicopter helicopters submarine submarines frigate frigates destroyer destroyers warship warships
    system systems battery batteries rocket rockets interceptor interceptors radar radars bomber bombers vehicle vehicles
    destroyer corvette carrier cruiser warship vessel ship`,
  ],
  [
    'organization',
    'company firm ministry agency party group militia newspaper broadcaster bank carrier airline startup',
  ],
  ['agreement', 'agreement agreements deal pact treaty accord framework'],
  ['event', 'attack attacks summit operation offensive exercise exercises drills earthquake cyclone strike strikes'],
  ['place', 'region province city town village border district valley state'],
];
for (const [type, words] of cues) for (const w of words.split(/\s+/).filter(Boolean)) CUE_AFTER[w] ??= type;

/** Lower-case words before a name that suggest a place (`in Pahalgam`, `near Sittwe`). */
export const PLACE_PREPOSITIONS = set('in near across outside inside throughout around');

/** Combining forms used in compounds (`Indo-Pacific`, `Sino-Indian`), mapped to the demonym they stand for. */
export const COMBINING_FORMS: Record<string, string> = {
  indo: 'indian',
  sino: 'chinese',
  anglo: 'english',
  franco: 'french',
  russo: 'russian',
  italo: 'italian',
  greco: 'greek',
  turco: 'turkish',
  afro: '',
  euro: '',
  austro: 'austrian',
  german: 'german',
  americo: 'american',
  pak: 'pakistani',
};

/** Verbs of saying that follow a person's name (`Hegseth posted`, `Baram said`). */
export const SPEECH_VERBS = set(
  'said says told added noted stated warned argued posted wrote announced called urged asked replied explained remarked insisted',
);
