/**
 * Job titles as people write them, read into English words (issue 11). ESCO's labels miss most of what people write:
 * Latin American job words ("mesero", "plomero", "montacarguista"), Arabic job nouns ESCO does not use ("طباخ": ESCO
 * says "طاهي"), with the article, feminine and plural forms and the qualifier after the head noun ("ممرضة عناية
 * مركزة"), German compounds (no German labels here at all: "Lagermitarbeiter"), and English slang and abbreviations
 * ("carer", "KP", "HCA"). The learnt lexicons (lexicon.ts) only know words that ESCO's parallel labels use.
 *
 * Each language has a hand-written vocabulary of job nouns and their usual qualifiers (written from general knowledge
 * of the trades of the shortage occupations, not from ESCO or any evaluation set). A title is read word by word:
 * function words dropped, multi-word units first, then each word through its language's inflections (Arabic light
 * stems; French/Spanish feminine and plural endings; German inflections and compounds split at a known head). A
 * head-first language (fr/es/ar) is put in English order ("ayudante de cocina" → "kitchen assistant"). The English
 * reading is ranked by the English reader (semantic vectors, title model) and mixed with the reading of the title
 * as written (taxonomy.ts `normalizeTitle`).
 */
import { arabicVariants } from './glossary.js';
import type { ReadLang } from './detect-language.js';
import { isStopword } from './stopwords.js';
import { cleanTitle, foldText, isTitleNoise } from './text.js';
import type { NormalizedTitle } from './types.js';

export type GlossaryLang = 'en' | 'fr' | 'es' | 'ar' | 'de';

/**
 * t14-vocab: German official job titles (the dual-system Ausbildungsberufe of the BIBB list and the school-based
 * health and teaching titles) and their everyday abbreviations, as the ESCO occupation a careful judge accepts. Written
 * from general knowledge of the list, not per title. Each key is written once in one gendered form: `germanGendered`
 * adds Kauffrau/Kaufleute to every Kaufmann, Fachfrau to every Fachmann and the masculine "-fachangestellter" to every
 * "-fachangestellte" (the "-in" forms are read as inflections).
 */
const GERMAN_OFFICIAL_TITLES: Record<string, string> = germanGendered({
  // Kaufleute: the commercial apprenticeships, by field
  // a bare Kaufmann / Kauffrau in an ad is the commercial clerk of an office ("clerk" alone read as a typist)
  kaufmann: 'office clerk',
  'kaufmann einzelhandel': 'sales assistant', einzelhandelskaufmann: 'sales assistant', 'verkaufer einzelhandel': 'sales assistant',
  'kaufmann buromanagement': 'office clerk', burokaufmann: 'office clerk', 'kaufmann burokommunikation': 'office clerk',
  'kaufmannische angestellte': 'office clerk', 'kaufmannischer angestellter': 'office clerk', 'kaufmannische assistenz': 'office clerk',
  'kaufmann gross aussenhandel': 'wholesale merchant', 'kaufmann gross aussenhandelsmanagement': 'wholesale merchant',
  grosshandelskaufmann: 'wholesale merchant', aussenhandelskaufmann: 'import export specialist',
  'kaufmann spedition logistikdienstleistung': 'shipping agent', speditionskaufmann: 'shipping agent',
  'kaufmann spedition': 'shipping agent', industriekaufmann: 'office clerk', bankkaufmann: 'bank clerk',
  'kaufmann versicherungen finanzen': 'insurance clerk', versicherungskaufmann: 'insurance clerk', immobilienkaufmann: 'real estate agent',
  'kaufmann gesundheitswesen': 'medical administrative assistant', 'kaufmann tourismus freizeit': 'travel consultant',
  reiseverkehrskaufmann: 'travel agent', tourismuskaufmann: 'travel consultant', veranstaltungskaufmann: 'event assistant',
  personaldienstleistungskaufmann: 'recruitment consultant', 'kaufmann dialogmarketing': 'call centre agent',
  'servicefachkraft dialogmarketing': 'call centre agent', automobilkaufmann: 'motor vehicle sales',
  // the -fachangestellte family (public administration, law, tax, health, social insurance, libraries, pools)
  verwaltungsfachangestellte: 'civil service administrative officer', 'verwaltungsfachangestellte kommunalverwaltung': 'civil service administrative officer',
  verwaltungsangestellte: 'administrative assistant', rechtsanwaltsfachangestellte: 'legal administrative assistant',
  notarfachangestellte: 'legal administrative assistant', patentanwaltsfachangestellte: 'legal administrative assistant',
  'reno fachangestellte': 'legal administrative assistant', reno: 'legal administrative assistant', renofachangestellte: 'legal administrative assistant',
  rechtsanwaltsgehilfin: 'legal administrative assistant', justizfachangestellte: 'court clerk', steuerfachangestellte: 'tax clerk',
  'medizinische fachangestellte': 'medical administrative assistant', 'zahnmedizinische fachangestellte': 'dental chairside assistant',
  sozialversicherungsfachangestellte: 'social security claims officer', krankenkasse: 'health insurance', 'tiermedizinische fachangestellte': 'veterinary nurse',
  mfa: 'medical administrative assistant', arzthelfer: "doctors' surgery assistant", zfa: 'dental chairside assistant',
  zahnarzthelfer: 'dental chairside assistant', tfa: 'veterinary nurse', 'fachangestellte medien informationsdienste': 'library assistant',
  fami: 'library assistant', 'fachangestellte baderbetriebe': 'life guard', bademeister: 'life guard', rettungsschwimmer: 'life guard',
  // where public administration clerks work: the office (Amt, Behörde) names the sector, not the job
  amt: 'public administration', behorde: 'public administration', rathaus: 'public administration', kommune: 'public administration',
  gemeinde: 'public administration', landkreis: 'public administration', stadtverwaltung: 'public administration', kreisverwaltung: 'public administration',
  // health titles trained at school
  'pharmazeutisch technische assistent': 'pharmacy technician', 'pharmazeutisch technischer assistent': 'pharmacy technician',
  'pharmazeutisch kaufmannische angestellte': 'pharmacy assistant', pka: 'pharmacy assistant',
  mta: 'medical laboratory assistant', mtla: 'medical laboratory assistant', 'medizinisch technische laboratoriumsassistent': 'medical laboratory assistant',
  mtra: 'diagnostic radiographer', 'medizinisch technische radiologieassistent': 'diagnostic radiographer', laborant: 'laboratory technician',
  chemielaborant: 'chemistry technician', biologielaborant: 'biology technician', ota: 'operating theatre technician',
  'operationstechnische assistent': 'operating theatre technician', ata: 'anaesthetic technician', 'anasthesietechnische assistent': 'anaesthetic technician',
  ergotherapeut: 'occupational therapist', logopade: 'speech and language therapist', podologe: 'podiatrist', augenoptiker: 'optician',
  horakustiker: 'audiology technician', zahntechniker: 'dental technician', orthopadietechnik: 'prosthetic-orthotics technician',
  'orthopadietechnik mechaniker': 'prosthetic-orthotics technician', heilerziehungspfleger: 'social care worker', sozialassistent: 'social care worker',
  // IT: Fachinformatiker by specialism, and the abbreviations (FIAE, FISI, AE, SI)
  'fachinformatiker anwendungsentwicklung': 'software developer', 'fachinformatiker ae': 'software developer', fiae: 'software developer',
  'fachinformatiker systemintegration': 'ICT system administrator', 'fachinformatiker si': 'ICT system administrator', fisi: 'ICT system administrator',
  'fachinformatiker daten prozessanalyse': 'data analyst', 'fachinformatiker digitale vernetzung': 'ICT network technician',
  anwendungsentwicklung: 'software development', systemintegration: 'system administration', 'it systemelektroniker': 'ICT technician',
  systemelektroniker: 'ICT technician', 'elektroniker informations systemtechnik': 'ICT technician',
  // Fachkraft für X
  'fachkraft lagerlogistik': 'warehouse worker', fachlagerist: 'warehouse worker', lagerlogistik: 'warehouse logistics',
  'fachkraft gastronomie': 'waiter', 'fachkraft gastgewerbe': 'waiter', 'fachkraft kuchen': 'kitchen assistant',
  'fachkraft kurier express': 'courier', 'fachkraft abwassertechnik': 'wastewater treatment operator',
  'fachkraft wasserversorgungstechnik': 'water treatment plant operator', 'fachkraft veranstaltungstechnik': 'stage technician',
  'fachkraft lebensmitteltechnik': 'food production operator', 'servicekraft schutz sicherheit': 'security guard',
  'fachkraft schutz sicherheit': 'security guard', 'fachkraft fahrbetrieb': 'bus driver', 'fachkraft metalltechnik': 'metal worker',
  // metal, vehicle and plant trades: -mechaniker / -mechatroniker
  zerspanungsmechaniker: 'computer numerical control machine operator', zerspaner: 'computer numerical control machine operator',
  werkzeugmechaniker: 'tool and die maker', feinwerkmechaniker: 'precision mechanic', konstruktionsmechaniker: 'structural ironworker',
  'kfz mechatroniker': 'vehicle technician', kfzmechatroniker: 'vehicle technician', kraftfahrzeugmechatroniker: 'vehicle technician',
  'kfz mechaniker': 'vehicle technician', automechaniker: 'vehicle technician', 'kfz elektriker': 'automotive electrician',
  'land baumaschinenmechatroniker': 'agricultural machinery technician', landmaschinenmechaniker: 'agricultural machinery technician',
  baumaschinenmechatroniker: 'construction equipment technician', zweiradmechatroniker: 'bicycle mechanic', fahrradmechaniker: 'bicycle mechanic',
  fluggeratmechaniker: 'aircraft maintenance technician', 'mechatroniker kaltetechnik': 'refrigeration air condition and heat pump technician',
  'anlagenmechaniker shk': 'plumber', 'anlagenmechaniker sanitar heizungs': 'plumber', 'maschinen anlagenfuhrer': 'production line operative',
  'technischer produktdesigner': 'drafter', 'technischer systemplaner': 'drafter', 'technischer zeichner': 'drafter', bauzeichner: 'architectural drafter',
  mediengestalter: 'graphic designer', vermessungstechniker: 'surveying technician', chemikant: 'chemical plant operator',
  // teachers by school type (Sekundarstufe I/II, Gymnasium, Realschule …) and subject; Erzieher are early years educators
  sek: 'secondary school', sekundarstufe: 'secondary school', gymnasium: 'secondary school', realschule: 'secondary school',
  gesamtschule: 'secondary school', hauptschule: 'secondary school', mittelschule: 'secondary school', oberschule: 'secondary school',
  forderschule: 'special educational needs', studienrat: 'secondary school teacher', oberstudienrat: 'secondary school teacher',
  realschullehrer: 'secondary school teacher', hauptschullehrer: 'secondary school teacher', mittelschullehrer: 'secondary school teacher',
  forderschullehrer: 'special educational needs teacher', sonderpadagoge: 'special educational needs teacher', lehramt: 'teacher',
  mathe: 'mathematics', mathematik: 'mathematics', physik: 'physics', chemie: 'chemistry', biologie: 'biology', geschichte: 'history',
  erdkunde: 'geography', geografie: 'geography', geographie: 'geography', musik: 'music', informatik: 'ICT', sportlehrer: 'physical education teacher',
  erzieher: 'early years teacher', kindheitspadagoge: 'early years teacher', fruhpadagoge: 'early years teacher', sozialpadagoge: 'social pedagogue',
  // care in the client's own home: the live-in "24-Stunden" carer, home care services (ambulant, häuslich), Austria's Heimhilfe
  'stunden betreuung': 'home care aide', 'stunden betreuer': 'home care aide', 'stunden pflege': 'home care aide', 'stunden pflegekraft': 'home care aide',
  'hausliche gemeinschaft': 'live in home care', hauslich: 'home', 'live in betreuer': 'home care aide', 'live in pflegekraft': 'home care aide', seniorenbetreuer: 'home care aide', 'hausliche pflege': 'home care',
  'hausliche betreuung': 'home care', 'ambulante pflege': 'home care', 'ambulanter pflegedienst': 'home care', ambulant: 'home care',
  hauskrankenpflege: 'home care', heimhilfe: 'home care aide', alltagsbetreuer: 'home care aide',
});
function germanGendered(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) {
    out[k] = v;
    if (/kaufmann\b/.test(k)) for (const f of ['kauffrau', 'kaufleute']) out[k.replace(/kaufmann\b/, f)] = v;
    if (/fachmann\b/.test(k)) out[k.replace(/fachmann\b/, 'fachfrau')] = v;
    if (/fachangestellte\b/.test(k)) out[k.replace(/fachangestellte\b/, 'fachangestellter')] = v;
    if (/angestellte\b/.test(k) && !/fachangestellte\b/.test(k)) out[k.replace(/angestellte\b/, 'angestellter')] = v;
    // the masculine adjective before the noun: "Tiermedizinischer Fachangestellter", "Kaufmännischer Angestellter"
    const m = /^(\S+e) (\S*(?:angestellte|assistent))$/.exec(k);
    if (m) out[`${m[1]}r ${m[2]!.replace(/angestellte$/, 'angestellter')}`] = v;
  }
  return out;
}

/** t16-vocab: every "<farm hand> <crop>" unit ("temporero fresa", "saisonnier vendanges") read as the picker of that crop. */
function pickerOf(hands: string[], crops: string[], en: string): Record<string, string> {
  return Object.fromEntries(hands.flatMap((h) => crops.map((c) => [`${h} ${c}`, en])));
}

/**
 * t17-titles: every "<seller> <shop or goods>" unit ("Verkäuferin Bäckerei", "bakery sales assistant": the shop before
 * an English head) read as ESCO's specialised seller of those goods.
 */
function sellerOf(sellers: string[], shops: Record<string, string>): Record<string, string> {
  return Object.fromEntries(sellers.flatMap((s) => Object.entries(shops).flatMap(([shop, goods]) => {
    const en = `${goods} specialised seller`;
    return s.includes(' ') ? [[`${shop} ${s}`, en]] : [[`${s} ${shop}`, en], [`${shop}${s}`, en]];
  })));
}

const RAW: Record<GlossaryLang, Record<string, string>> = {
  // English: slang and abbreviations of UK/US/AU job boards, rewritten to the words ESCO uses
  en: {
    'kitchen hand': 'kitchen porter', 'pot washer': 'kitchen porter', 'porter kitchen': 'kitchen porter', 'waiting staff': 'waiter',
    'front of house': 'waiter', server: 'waiter', busser: 'waiter', 'line cook': 'cook', 'prep cook': 'cook', 'short order cook': 'cook',
    'security worker': 'security guard', 'security staff': 'security guard', 'farm labourer': 'farm worker',
    'agricultural worker': 'farm worker', 'general labourer': 'construction labourer', 'care assistant worker': 'care worker',
    'cleaning operative': 'cleaner', 'cleaning worker': 'cleaner', 'cleaning assistant': 'cleaner', 'cleaning operator': 'cleaner', janitor: 'building cleaner', housekeeping: 'room attendant',
    'room attendant': 'room attendant', chambermaid: 'room attendant', 'warehouse operative': 'warehouse worker',
    'warehouse associate': 'warehouse worker', 'warehouse assistant': 'warehouse worker', 'warehouse operator': 'warehouse worker',
    'order picker': 'warehouse order picker', operative: 'worker', labourer: 'construction labourer', laborer: 'construction labourer',
    'groundworker': 'construction labourer', 'general operative': 'construction labourer', 'lorry driver': 'truck driver',
    lorry: 'truck', 'class 1': 'heavy truck', 'class 2': 'truck', 'c e': 'heavy truck', 'c+e': 'heavy truck', '7.5 tonne': 'truck',
    'van driver': 'delivery van driver', 'courier driver': 'delivery driver', 'delivery driver': 'delivery driver', deliverry: 'delivery',
    // ESCO lists "electronics technician" only as a label of the meteorology technician
    'electronics technician': 'electronics engineering technician', 'electronic technician': 'electronics engineering technician',
    'home help': 'home care aide', 'live in carer': 'home care aide', 'senior carer': 'care worker', 'care worker': 'care worker',
    'elderly care': 'elderly care', 'care home': 'residential home care', 'nursing home': 'residential home care',
    // a teaching assistant without a setting works in a school (ESCO's "teaching assistant" alone is the university one)
    'teaching assistant': 'school teaching assistant', 'teacher assistant': 'school teaching assistant',
    'teachers assistant': 'school teaching assistant', 'classroom assistant': 'school teaching assistant',
    'learning support assistant': 'school teaching assistant', 'loading worker': 'materials handler', loader: 'materials handler',
    'staff nurse': 'registered nurse', 'scrub nurse': 'theatre nurse', 'theatre nurse': 'theatre nurse', 'bar staff': 'bartender',
    'barback': 'bartender', 'bar tender': 'bartender', 'security officer': 'security guard', 'door supervisor': 'security guard',
    'farmhand': 'farm worker', 'farm hand': 'farm worker', 'fruit picker': 'fruit picker', 'handy man': 'handyman',
    carer: 'care worker', carers: 'care worker', caregiver: 'care worker', 'care giver': 'care worker', hca: 'healthcare assistant',
    cna: 'nursing assistant', psw: 'personal support worker', pca: 'personal care assistant', kp: 'kitchen porter',
    flt: 'forklift', rgn: 'registered nurse', rn: 'registered nurse', rmn: 'mental health nurse', lpn: 'practical nurse',
    // t12-titles: abbreviations of job words any English ad may use
    eng: 'engineer', engr: 'engineer', mgr: 'manager', mngr: 'manager', asst: 'assistant', techn: 'technician', supv: 'supervisor',
    supvr: 'supervisor', coord: 'coordinator', exec: 'executive', dept: 'department',
    brickie: 'bricklayer', chippy: 'carpenter', chippie: 'carpenter', hgv: 'heavy goods vehicle', lgv: 'heavy goods vehicle',
    'multi drop': 'delivery', multidrop: 'delivery', 'cdl a': 'truck', 'cdl': 'truck', trucker: 'truck driver', dishie: 'kitchen porter', dishwasher: 'kitchen porter',
    'dish washer': 'kitchen porter', 'care assistant': 'care worker', 'support worker': 'care support worker',
    'healthcare support worker': 'healthcare assistant', 'home carer': 'care at home worker', 'domiciliary carer': 'care at home worker',
    'removals driver': 'moving truck driver', 'removal driver': 'moving truck driver', removals: 'removal',
    // t8-trades: finishing and envelope trades, security, retail, meat and line work, maintenance, schools, beauty (the
    // words of UK/US/AU job boards, rewritten to the words of ESCO's labels; written by trade, not per title)
    drywall: 'plaster', drywaller: 'plasterer', dryliner: 'plasterer', 'dry liner': 'plasterer', drylining: 'plastering',
    'drywall hanger': 'plasterer', 'drywall taper': 'plasterer', 'drywall finisher': 'plasterer', 'drywall installer': 'plasterer',
    'drywall mechanic': 'plasterer', 'plasterboard fixer': 'plasterer', 'ceiling fixer': 'ceiling installer', 'tacker': 'plasterer',
    'roofing labourer': 'roofer', 'roofers labourer': 'roofer', 'roofing hand': 'roofer', slater: 'roof slater', 'slater tiler': 'roofer',
    'roof plumber': 'roofer', scaffy: 'construction scaffolder', scaffie: 'construction scaffolder',
    'scaffolding labourer': 'construction scaffolder', 'scaffold erector': 'construction scaffolder', 'floor fitter': 'floor layer',
    'flooring installer': 'floor layer', 'vinyl fitter': 'resilient floor layer', 'window fitter': 'window installer',
    'static guard': 'security guard', 'static security': 'security guard', 'patrol officer': 'security guard', 'mobile patrol': 'security guard',
    'cctv operator': 'security guard', 'night watchman': 'security guard', 'crowd controller': 'door supervisor', bouncer: 'door supervisor',
    'night fill': 'shelf filler', nightfill: 'shelf filler', 'night filler': 'shelf filler', 'replenishment assistant': 'shelf filler',
    'pharmacy counter assistant': 'pharmacy assistant', 'medicines counter assistant': 'pharmacy assistant', 'counter assistant pharmacy': 'pharmacy assistant',
    'dispensary technician': 'pharmacy technician', 'till operator': 'cashier', 'checkout assistant': 'cashier',
    'dairy hand': 'livestock worker', 'dairy farm hand': 'livestock worker', 'dairy farmhand': 'livestock worker', milker: 'livestock worker',
    'stock hand': 'livestock worker', 'station hand': 'livestock worker', stockman: 'livestock worker', 'pig hand': 'livestock worker',
    abattoir: 'slaughterhouse', 'abattoir worker': 'slaughterer', 'abattoir operative': 'slaughterer', slaughterman: 'slaughterer',
    meatworker: 'meat cutter', 'meat worker': 'meat cutter', boner: 'meat boner', 'meat packer': 'meat cutter',
    'process worker': 'factory worker', 'production operative': 'factory worker', 'production worker': 'factory worker',
    'production operator': 'production line operative', 'production associate': 'factory worker', 'factory operative': 'factory worker',
    'line worker': 'production line worker', 'assembly line worker': 'production line worker', 'line operator': 'production line operative',
    'assembly worker': 'production line worker', 'packing operative': 'hand packer', 'packing line': 'packing',
    'maintenance man': 'handyman', 'maintenance worker': 'building maintenance technician', 'maintenance operative': 'building maintenance technician',
    'maintenance technician': 'maintenance engineer', 'maintenance fitter': 'industrial machinery fitter', 'maintenance electrician': 'industrial electrician',
    'teacher s aide': 'school teaching assistant', 'teachers aide': 'school teaching assistant', 'teacher aide': 'school teaching assistant',
    // t13-vocab: ESCO gives "executive secretary" to two occupations; people mean the executive assistant
    'executive secretary': 'executive assistant',
    'nail tech': 'nail technician', 'nail artist': 'nail technician', 'lash tech': 'beautician', 'beauty therapist': 'beautician',
    // t14-vocab: care in the client's own home, live-in or visiting, is home care (ESCO's "live-in caregiver" is a
    // nanny's label, and a bare "carer" reads as the generic social care worker); a stores clerk keeps stock records
    'live in care worker': 'home care aide', 'live in caregiver': 'home care aide', 'live in care giver': 'home care aide',
    'live in care assistant': 'home care aide', 'live in support worker': 'home care aide',
    'domiciliary care worker': 'care at home worker', 'domiciliary care assistant': 'care at home worker', 'domiciliary care': 'home care',
    'home care worker': 'care at home worker', 'home care assistant': 'care at home worker',
    'homecare worker': 'care at home worker', 'homecare assistant': 'care at home worker', 'home health aide': 'home care aide',
    'private carer': 'home care aide', 'private caregiver': 'home care aide', 'elderly caregiver': 'home care aide',
    storekeeper: 'inventory coordinator', 'store keeper': 'inventory coordinator', 'stores keeper': 'inventory coordinator',
    'stores clerk': 'inventory coordinator', 'stock clerk': 'inventory coordinator', 'stock controller': 'inventory coordinator',
    // t16-vocab: job-board shorthand (computer numerical control, front desk) and shop roles by the goods sold
    'cnc machinist': 'computer numerical control machine operator', 'cnc operator': 'computer numerical control machine operator',
    'cnc machine operator': 'computer numerical control machine operator', 'cnc setter': 'computer numerical control machine operator',
    'front desk': 'receptionist', 'front desk agent': 'receptionist', 'front desk officer': 'receptionist',
    'dental receptionist': 'front line medical receptionist', 'medical receptionist': 'front line medical receptionist',
    'store manager': 'shop manager',
    // t17-titles: a sales or shop assistant named with the goods or the shop is ESCO's specialised seller of them
    ...sellerOf(['sales assistant', 'shop assistant', 'sales associate'], { bakery: 'bakery', bakers: 'bakery', butchers: 'meat and meat products', butcher: 'meat and meat products',
      deli: 'delicatessen', delicatessen: 'delicatessen', fishmonger: 'fish and seafood', confectionery: 'confectionery', bookshop: 'bookshop', bookstore: 'bookshop',
      optical: 'eyewear and optical equipment', jewellery: 'jewellery and watches', jewelry: 'jewellery and watches', toy: 'toys and games', toys: 'toys and games',
      footwear: 'shoe and leather accessories', shoe: 'shoe and leather accessories', clothing: 'clothing', fashion: 'clothing', furniture: 'furniture',
      perfume: 'cosmetics and perfume', cosmetics: 'cosmetics and perfume', greengrocer: 'fruit and vegetables', forecourt: 'fuel station' }),
    // t17-titles: trade slang of UK/AU sites and boats, forklift types by name, fishing boats
    sparky: 'electrician', sparkie: 'electrician', sparkies: 'electrician', deckie: 'deckhand', deckies: 'deckhand', 'deck hand': 'deckhand',
    'reach truck': 'forklift', 'reach truck driver': 'forklift operator', counterbalance: 'forklift', 'counter balance': 'forklift',
    vna: 'forklift', 'pallet truck': 'forklift', trawler: 'fishing vessel', 'fishing boat': 'fishing vessel', 'scallop boat': 'fishing vessel',
    'crab boat': 'fishing vessel', 'lobster boat': 'fishing vessel', trawlerman: 'fisheries deckhand',
  },
  fr: {
    // t17-titles: Québec's care attendant (préposé aux bénéficiaires, PAB) and long-term care home (CHSLD), the agronomist
    // engineer, customs and freight forwarding, the tax inspectors of the French public finances (DGFiP grades)
    'prepose aux beneficiaires': 'healthcare assistant', pab: 'healthcare assistant', chsld: 'care home', prepose: 'attendant',
    'ingenieur agronome': 'agronomist', agronome: 'agronomist', douane: 'customs', douanes: 'customs', 'declarant en douane': 'customs broker',
    transitaire: 'freight forwarder', 'inspecteur des finances publiques': 'tax inspector', 'controleur des finances publiques': 'tax inspector',
    'inspecteur des impots': 'tax inspector', 'controleur des impots': 'tax inspector', impots: 'tax', dgfip: 'tax',
    // t12-titles: abbreviations of job words
    ing: 'engineer', tech: 'technician', resp: 'manager', dir: 'director',
    salle: 'dining room', 'commis de salle': 'waiter', 'chef de rang': 'waiter', 'maitre d hotel': 'head waiter', runner: 'waiter',
    restauration: 'restaurant', restaurant: 'restaurant', brasserie: 'restaurant', bistrot: 'restaurant', cafe: 'cafe', bar: 'bar',
    hotel: 'hotel', hotellerie: 'hotel', 'employe polyvalent': 'worker', equipier: 'crew member', 'commis de cuisine': 'kitchen assistant',
    'aide cuisinier': 'kitchen assistant', 'chef cuisinier': 'chef', 'cuisinier de collectivite': 'cook', collectivite: 'canteen',
    cantine: 'canteen', plonge: 'dishwashing', 'valet de chambre': 'room attendant', 'agent hotelier': 'room attendant',
    receptionniste: 'receptionist', 'auxiliaire de vie sociale': 'care worker', avs: 'care worker', 'aide medico psychologique': 'care worker',
    amp: 'care worker', 'accompagnant educatif social': 'care worker', aes: 'care worker', 'agent de service hospitalier': 'hospital cleaner',
    ash: 'hospital cleaner', 'aide soignante': 'nursing assistant', 'infirmiere': 'registered nurse',
    ide: 'registered nurse', ibode: 'theatre nurse', iade: 'anaesthetic nurse', puericultrice: 'paediatric nurse', ehpad: 'care home',
    'maison de retraite': 'care home', hopital: 'hospital', clinique: 'hospital', geriatrie: 'elderly care', 'personnes dependantes': 'elderly',
    'personnes handicapees': 'disabled people', handicap: 'disability', bloc: 'operating theatre', anesthesiste: 'anaesthetic',
    'garde d enfants': 'nanny', 'garde enfants': 'nanny', creche: 'child care', 'auxiliaire de puericulture': 'child care worker',
    'agent de nettoyage': 'cleaner', 'agent de menage': 'cleaner', 'agent de service': 'cleaner', 'laveur de vitres': 'window cleaner',
    bureaux: 'office', bureau: 'office', 'conducteur d engins': 'plant operator', engins: 'machinery', engin: 'machinery', grue: 'crane',
    'conducteur de bus': 'bus driver', bus: 'bus', autocar: 'coach', taxi: 'taxi', ambulancier: 'ambulance driver',
    vtc: 'taxi', fourgon: 'van', utilitaire: 'van', 'vehicule leger': 'van', coursier: 'courier', scooter: 'motorcycle', moto: 'motorcycle',
    'chauffeur routier': 'truck driver', 'super lourd': 'heavy truck', 'semi remorque': 'heavy truck', 'transport de personnes': 'passenger',
    coffreur: 'formwork carpenter', ferrailleur: 'steel fixer', terrassier: 'earthmoving labourer', platrier: 'plasterer',
    solier: 'floor layer', 'poseur de sol': 'floor layer', 'macon coffreur': 'concrete worker', 'chef de chantier': 'construction supervisor',
    'chef d equipe': 'supervisor', 'ouvrier du batiment': 'construction worker', 'ouvrier agricole': 'farm worker', 'ouvrier viticole': 'vineyard worker',
    maraicher: 'vegetable grower', arboriculteur: 'fruit grower', viticulteur: 'wine grower', vendanges: 'grape picking', recolte: 'harvest',
    serres: 'greenhouse', elevage: 'livestock', trayeur: 'milker', berger: 'shepherd', abattoir: 'slaughterhouse', desosseur: 'meat cutter',
    poissonnier: 'fishmonger', charcutier: 'butcher', 'employe de libre service': 'shelf filler', 'employe commercial': 'shelf filler',
    'mise en rayon': 'shelf filler', hote: 'host', 'hote de caisse': 'cashier', securite: 'security', surete: 'security', incendie: 'fire',
    ssiap: 'fire security', 'gardien d immeuble': 'building caretaker', gardien: 'caretaker', concierge: 'caretaker',
    installateur: 'installer', sanitaire: 'plumbing', 'installateur sanitaire': 'plumber', climatisation: 'air conditioning',
    frigoriste: 'refrigeration technician', carrossier: 'vehicle body repairer', 'poids lourd mecanicien': 'vehicle technician',
    tolier: 'sheet metal worker', tourneur: 'lathe operator', fraiseur: 'milling machine operator', chaudronnier: 'boilermaker',
    soudeuse: 'welder', saisonniere: 'seasonal',
    chauffeur: 'driver', conducteur: 'driver', conductrice: 'driver', livreur: 'delivery driver', routier: 'truck driver',
    'poids lourd': 'heavy truck', 'poids lourds': 'heavy truck', pl: 'heavy truck', spl: 'heavy truck', camion: 'truck',
    cariste: 'forklift operator', 'chariot elevateur': 'forklift', manutentionnaire: 'warehouse worker', magasinier: 'warehouse worker',
    'preparateur de commandes': 'order picker', entrepot: 'warehouse', soudeur: 'welder', electricien: 'electrician',
    plombier: 'plumber', chauffagiste: 'heating technician', macon: 'bricklayer', manoeuvre: 'construction labourer',
    ouvrier: 'worker', btp: 'construction', batiment: 'building', chantier: 'construction', peintre: 'painter', carreleur: 'tile fitter',
    couvreur: 'roofer', charpentier: 'carpenter', menuisier: 'carpenter', plaquiste: 'drywall installer', grutier: 'crane operator',
    mecanicien: 'mechanic', mecano: 'mechanic', auto: 'vehicle', automobile: 'vehicle', cuisinier: 'cook', cuisine: 'kitchen',
    commis: 'assistant', plongeur: 'kitchen porter', serveur: 'waiter', barman: 'bartender', 'femme de menage': 'domestic cleaner',
    'agent d entretien': 'cleaner', 'agent de proprete': 'cleaner', nettoyage: 'cleaning', entretien: 'maintenance',
    menage: 'cleaning', 'femme de chambre': 'room attendant', gouvernante: 'housekeeper', 'aide soignant': 'nursing assistant',
    'auxiliaire de vie': 'care worker', 'aide a domicile': 'home care aide', domicile: 'home', infirmier: 'registered nurse',
    'bloc operatoire': 'operating theatre', urgences: 'emergency', reanimation: 'intensive care', nuit: 'night', agricole: 'farm',
    saisonnier: 'seasonal', cueilleur: 'picker', vendangeur: 'grape picker', 'agent de securite': 'security guard', vigile: 'security guard',
    caissier: 'cashier', vendeur: 'sales assistant', coiffeur: 'hairdresser', boulanger: 'baker', patissier: 'pastry cook',
    boucher: 'butcher', jardinier: 'gardener', paysagiste: 'landscape gardener', eleveur: 'livestock', agent: 'worker', employe: 'worker',
    aide: 'assistant', auxiliaire: 'assistant', nounou: 'nanny', 'assistante maternelle': 'child care worker', enfants: 'children',
    'personnes agees': 'elderly', social: 'social', sociale: 'social',
    // t8-trades
    echafaudeur: 'construction scaffolder', miroitier: 'glazier', vitrier: 'glazier', 'poseur de menuiseries': 'window installer',
    'poseur de fenetres': 'window installer', 'poseur de faux plafonds': 'ceiling installer', 'faux plafond': 'ceiling installer', parqueteur: 'hardwood floor layer',
    moquettiste: 'carpet fitter', 'solier moquettiste': 'floor layer', isolation: 'insulation', 'poseur isolation': 'insulation worker', etancheur: 'roofer',
    zingueur: 'roofer', 'agent de surveillance': 'security guard', 'agent de prevention': 'security guard', rondier: 'security guard',
    'agent cynophile': 'security guard', surveillance: 'security', 'employe de rayon': 'shelf filler', 'employe libre service': 'shelf filler',
    'preparateur en pharmacie': 'pharmacy technician', 'vendeur en pharmacie': 'pharmacy assistant', pharmacie: 'pharmacy',
    vacher: 'livestock worker', porcher: 'livestock worker', 'ouvrier d elevage': 'livestock worker',
    tueur: 'slaughterer', 'operateur d abattoir': 'slaughterer', 'ouvrier d abattoir': 'slaughterer', pareur: 'meat cutter',
    'operateur de production': 'factory worker', 'agent de production': 'factory worker', 'ouvrier de production': 'factory worker',
    'operateur de conditionnement': 'hand packer', 'agent de conditionnement': 'hand packer', 'operateur sur ligne': 'production line operative',
    'technicien de maintenance': 'maintenance technician', 'agent de maintenance': 'building maintenance technician',
    'maintenance industrielle': 'industrial machinery maintenance', 'technicien de maintenance industrielle': 'industrial machinery maintenance engineer',
    'homme d entretien': 'handyman', atsem: 'early years teaching assistant', aesh: 'special educational needs assistant',
    'prothesiste ongulaire': 'nail technician', 'styliste ongulaire': 'nail technician', estheticienne: 'beautician', estheticien: 'beautician',
    // t13-vocab: everyday words for common occupations outside the trades (office, sales, teaching, health, IT,
    // machines, delivery), as people in France, the Maghreb and West Africa write them (general knowledge, not per title)
    comptable: 'accountant', 'expert comptable': 'accountant', 'aide comptable': 'accounting assistant', 'assistant comptable': 'accounting assistant',
    comptabilite: 'accounting', 'gestionnaire de paie': 'payroll clerk', paie: 'payroll', 'ressources humaines': 'human resources',
    rh: 'human resources', grh: 'human resources', 'charge de recrutement': 'recruitment consultant', recrutement: 'recruitment',
    commercial: 'commercial sales representative', 'attache commercial': 'commercial sales representative', vrp: 'commercial sales representative',
    // a salesperson of computing ("commercial informatique", "ingénieur commercial IT") sells ICT to businesses
    'commercial informatique': 'ICT account manager', 'commercial it': 'ICT account manager', 'commercial logiciel': 'ICT account manager',
    'ingenieur commercial informatique': 'ICT account manager', 'commercial solutions informatiques': 'ICT account manager',
    'technico commercial': 'technical sales representative', 'delegue medical': 'medical sales representative', 'visiteur medical': 'medical sales representative',
    'directeur commercial': 'sales manager', 'responsable commercial': 'sales manager', 'assistant commercial': 'sales assistant',
    secretaire: 'secretary', 'secretaire de direction': 'executive assistant', 'assistant de direction': 'executive assistant',
    'assistante de direction': 'executive assistant', 'assistant administratif': 'administrative assistant', 'agent administratif': 'administrative assistant',
    'employe administratif': 'administrative assistant', administratif: 'administrative', 'agent d accueil': 'receptionist', 'hotesse d accueil': 'receptionist',
    'hote d accueil': 'receptionist', accueil: 'reception', standardiste: 'telephone switchboard operator', teleconseiller: 'call centre agent',
    teleoperateur: 'call centre agent', 'conseiller clientele': 'customer service representative', 'service client': 'customer service',
    instituteur: 'primary school teacher', 'professeur des ecoles': 'primary school teacher', professeur: 'teacher', prof: 'teacher',
    enseignant: 'teacher', 'educateur de jeunes enfants': 'early years teacher', eje: 'early years teacher', maternelle: 'early years',
    lycee: 'secondary school', college: 'secondary school', developpeur: 'developer', programmeur: 'software developer',
    informatique: 'ICT', 'technicien informatique': 'ICT technician', pharmacien: 'pharmacist', medecin: 'doctor',
    'medecin generaliste': 'general practitioner', kine: 'physiotherapist', kinesitherapeute: 'physiotherapist', ingenieur: 'engineer',
    'genie civil': 'civil engineering', 'conducteur de machine': 'machine operator', 'operateur machine': 'machine operator',
    'operateur sur machine': 'machine operator', 'agent de fabrication': 'factory worker', velo: 'bicycle', 'technicien de surface': 'building cleaner',
    'agent de caisse': 'cashier', 'employe de caisse': 'cashier', facteur: 'postman', policier: 'police officer', 'gardien de la paix': 'police officer',
    'chauffeur de direction': 'private chauffeur', 'chauffeur prive': 'private chauffeur', 'aide menagere': 'domestic cleaner',
    'assistant social': 'social worker', 'assistante sociale': 'social worker', web: 'web',
    // t14-vocab: care in the person's own home (ESCO: home care aide), as French job boards name it
    'auxiliaire de vie a domicile': 'home care aide', 'assistant de vie': 'home care aide',
    'assistante de vie aux familles': 'home care aide', advf: 'home care aide', 'garde malade': 'home care aide',
    'intervenant a domicile': 'home care aide', 'aide a la personne': 'home care aide', 'aide aux personnes agees': 'home care aide',
    'dame de compagnie': 'companion', 'auxiliaire de vie sociale a domicile': 'home care aide', 'soins a domicile': 'home care',
    'gestionnaire de stock': 'inventory coordinator', 'agent de magasinage': 'inventory coordinator',
    // t16-vocab: clipped words of French job ads (prof, admin, indus, IDE = infirmier diplômé d'État)
    admin: 'administrator', indus: 'industrial',
    'infirmier diplome d etat': 'nurse responsible for general care', 'infirmier de bloc': 'specialist nurse',
    'admin sys': 'ICT system administrator', 'administrateur systeme': 'ICT system administrator', 'administrateur systemes reseaux': 'ICT system administrator',
    'administrateur reseau': 'ICT network administrator', 'admin reseau': 'ICT network administrator', 'administrateur bases de donnees': 'database administrator',
    // language teachers: FLE (français langue étrangère) and teachers of a named language
    'professeur fle': 'language school teacher', 'prof fle': 'language school teacher', 'formateur fle': 'language school teacher',
    'enseignant fle': 'language school teacher', 'professeur langues': 'language school teacher', 'professeur d anglais': 'language school teacher',
    'professeur d espagnol': 'language school teacher', 'professeur d allemand': 'language school teacher',
    // finance, construction sites and maintenance
    'controleur de gestion': 'financial controller', 'controle de gestion': 'financial controller', 'conducteur de travaux': 'construction manager',
    'technicien maintenance industrielle': 'industrial machinery mechanic', 'technicien maintenance indus': 'industrial machinery mechanic', 'electromecanicien': 'electromechanical engineering technician',
    electromecanique: 'electromechanical',
    // a sales assistant of a food shop: the goods after "vendeur" name the specialised seller
    'vendeur boulangerie': 'bakery specialised seller', 'vendeur en boulangerie': 'bakery specialised seller', 'vendeur boulangerie patisserie': 'bakery specialised seller',
    'vendeur patisserie': 'confectionery specialised seller', 'vendeur chocolaterie': 'confectionery specialised seller',
    'vendeur poissonnerie': 'fish and seafood specialised seller', 'vendeur en poissonnerie': 'fish and seafood specialised seller',
    'vendeur charcuterie': 'delicatessen specialised seller', 'vendeur traiteur': 'delicatessen specialised seller',
    // an "opérateur" of packaging tends a machine; an "agent" packs by hand
    'operateur conditionnement': 'packaging and filling machine operator',
    // a farm hand named with the fruit he picks, or the grape harvest
    cueillette: 'picking', 'saisonnier cueillette': 'fruit and vegetable picker', ...pickerOf(['ouvrier agricole', 'saisonnier', 'cueilleur', 'cueillette'], ['fraises', 'fruits', 'pommes', 'cerises', 'abricots', 'asperges', 'kiwis'], 'fruit and vegetable picker'),
    ...pickerOf(['ouvrier agricole', 'saisonnier', 'ouvrier viticole'], ['vendanges', 'vigne'], 'vineyard worker'), 'conducteur de ligne de conditionnement': 'packaging and filling machine operator',
  },
  es: {
    // t17-titles: the dentist as Latin America names him (odontólogo), caring for an elderly lady or gentleman, the
    // season's day labourers of a harvest campaign
    odontologo: 'dentist', 'odontologo general': 'dentist', cuidar: 'care', 'para cuidar': 'care', 'senora mayor': 'elderly', 'senor mayor': 'elderly',
    'senoras mayores': 'elderly', 'personas mayores': 'elderly', 'persona mayor': 'elderly', 'clinica privada': 'hospital',
    campana: 'harvest',
    // t12-titles: abbreviations of job words
    ing: 'engineer', aux: 'assistant', tec: 'technician', tecn: 'technician',
    mesonero: 'waiter', garzon: 'waiter', moza: 'waiter', 'camarero de sala': 'waiter', 'jefe de rango': 'waiter', capitan: 'head waiter',
    bartender: 'bartender', barman: 'bartender', 'auxiliar de cocina': 'kitchen assistant', 'ayudante de cocina': 'kitchen assistant',
    pinche: 'kitchen assistant', 'cocinero de linea': 'cook', 'cocinero de comedor': 'cook', comedor: 'canteen', cafeteria: 'cafe',
    'comida rapida': 'fast food', 'camarera de pisos': 'room attendant', 'camarero de pisos': 'room attendant', 
    'ama de llaves': 'housekeeper', 'trabajadora del hogar': 'domestic housekeeper',
    'interna': 'live in', 'puertas adentro': 'live in', 'personal de limpieza': 'cleaner', limpiadora: 'cleaner', intendencia: 'cleaning',
    aseo: 'cleaning', oficinas: 'office', 'auxiliar de enfermeria': 'nursing assistant', tcae: 'nursing assistant',
    'tecnico en cuidados de enfermeria': 'nursing assistant', 'cuidados de enfermeria': 'nursing care', enfermeria: 'nursing',
    'enfermero jefe': 'head nurse', geriatria: 'elderly care', geriatrico: 'elderly care', residencia: 'care home', 'asilo': 'care home',
    hospital: 'hospital', clinica: 'hospital', 'cuidador de ancianos': 'elderly care worker', 'cuidadora de adultos mayores': 'elderly care worker',
    'auxiliar de ayuda a domicilio': 'home care aide', 'ayuda a domicilio': 'home care', 
    autobus: 'bus', bus: 'bus', micro: 'bus', colectivo: 'bus', tractocamion: 'heavy truck', trailer: 'heavy truck',
    'tractomula': 'heavy truck', rastra: 'heavy truck', furgoneta: 'van', camioneta: 'van', taxi: 'taxi',
    taxista: 'taxi driver', moto: 'motorcycle', motocicleta: 'motorcycle', motorizado: 'motorcycle courier', delivery: 'delivery',
    'carretilla elevadora': 'forklift', carretillero: 'forklift operator', 'mozo de almacen': 'warehouse worker', 'preparador de pedidos': 'order picker',
    reponedor: 'shelf filler', 'albanileria': 'bricklaying', oficial: 'skilled worker', 'maestro de obra': 'construction supervisor',
    capataz: 'supervisor', encofrador: 'formwork carpenter', ferrallista: 'steel fixer', yesero: 'plasterer', azulejero: 'tile fitter',
    alicatador: 'tile fitter', solador: 'floor layer', techador: 'roofer', tejador: 'roofer', 'pintor de brocha gorda': 'construction painter',
    maquinista: 'machine operator', 'maquinaria pesada': 'heavy equipment', retroexcavadora: 'excavator', excavadora: 'excavator',
    'jornalero agricola': 'farm worker', 'peon agricola': 'farm labourer', 'trabajador agricola': 'farm worker', cosecha: 'harvest',
    vendimia: 'grape harvest', vendimiador: 'grape picker', ordenador: 'milker', ordenadora: 'milker', pastor: 'shepherd', ganadero: 'livestock farmer',
    'cortador de cana': 'farm worker', 'recolector de cafe': 'coffee picker', matarife: 'slaughterer', deshuesador: 'meat cutter',
    pescadero: 'fishmonger', charcutero: 'butcher', chapista: 'vehicle body repairer', tornero: 'lathe operator', fresador: 'milling machine operator',
    refrigeracion: 'refrigeration', 'aire acondicionado': 'air conditioning', industrial: 'industrial', sereno: 'night watchman',
    'vigilante de seguridad': 'security guard',
    camionero: 'truck driver', trailero: 'truck driver', traileros: 'truck driver', chofer: 'driver',
    conductor: 'driver', repartidor: 'delivery driver', mensajero: 'courier', operador: 'operator', operario: 'operative',
    montacarguista: 'forklift operator', montacargas: 'forklift', grua: 'crane', gruista: 'crane operator', camion: 'truck',
    tractorista: 'tractor driver', soldador: 'welder', electricista: 'electrician', plomero: 'plumber', fontanero: 'plumber',
    gasfiter: 'plumber', gasfitero: 'plumber', albanil: 'bricklayer', peon: 'labourer', chalan: 'construction labourer',
    obrero: 'worker', jornalero: 'farm worker', trabajador: 'worker', ayudante: 'assistant', auxiliar: 'assistant',
    cocinero: 'cook', cocina: 'kitchen', mesero: 'waiter', camarero: 'waiter', mozo: 'waiter', lavaplatos: 'kitchen porter',
    lavaloza: 'kitchen porter', friegaplatos: 'kitchen porter', cantinero: 'bartender', mucama: 'room attendant', recamarera: 'room attendant',
    camarista: 'room attendant', 'empleada domestica': 'domestic cleaner', 'empleada de hogar': 'domestic cleaner', limpiador: 'cleaner',
    afanador: 'cleaner', limpieza: 'cleaning', conserje: 'caretaker', portero: 'caretaker', ninera: 'nanny', nana: 'nanny',
    cuidador: 'care worker', 'adultos mayores': 'elderly', ancianos: 'elderly', 'tercera edad': 'elderly', enfermero: 'registered nurse',
    carpintero: 'carpenter', pintor: 'painter', mecanico: 'mechanic', automotriz: 'vehicle', autos: 'vehicle', recolector: 'picker',
    cosechador: 'harvester', pizcador: 'picker', agricola: 'farm', campo: 'farm', finca: 'farm', granja: 'farm', obra: 'construction',
    construccion: 'construction', fruta: 'fruit', almacen: 'warehouse', bodeguero: 'warehouse worker', estibador: 'stevedore',
    cargador: 'loader', empacador: 'packer', vigilante: 'security guard', guardia: 'guard', seguridad: 'security', costurero: 'sewing machinist',
    sastre: 'tailor', peluquero: 'hairdresser', estilista: 'hairdresser', barbero: 'barber', panadero: 'baker', carnicero: 'butcher',
    cajero: 'cashier', vendedor: 'sales assistant', dependiente: 'sales assistant', jardinero: 'gardener', invernadero: 'greenhouse',
    ganado: 'livestock', vaquero: 'livestock worker', linea: 'line', restaurante: 'restaurant', hogar: 'home',
    domicilio: 'home', mantenimiento: 'maintenance', armador: 'fitter',
    // t8-trades
    pladurista: 'plasterer', escayolista: 'plasterer', 'montador de pladur': 'plasterer', pladur: 'drywall', impermeabilizador: 'roofer',
    andamiero: 'construction scaffolder', 'montador de andamios': 'construction scaffolder', cristalero: 'glazier', vidriero: 'glazier',
    parquetista: 'hardwood floor layer', 'guardia de seguridad': 'security guard', 'guarda de seguridad': 'security guard',
    dependienta: 'shop assistant', 'auxiliar de farmacia': 'pharmacy assistant', 'tecnico de farmacia': 'pharmacy technician', farmacia: 'pharmacy',
    'ordenador de vacas': 'livestock worker', 'peon ganadero': 'livestock worker', despiezador: 'meat cutter', deshuesadora: 'meat cutter',
    'operario de produccion': 'factory worker', 'operaria de produccion': 'factory worker', 'operario de fabrica': 'factory worker',
    'operario de linea': 'production line operative', 'tecnico de mantenimiento': 'maintenance technician', 'operario de mantenimiento': 'building maintenance technician',
    manicurista: 'nail technician', 'tecnica de unas': 'nail technician', esteticista: 'beautician', cosmetologa: 'beautician',
    // t13-vocab: everyday words for common occupations outside the trades, as people in Latin America and Spain write them
    contador: 'accountant', 'contador publico': 'accountant', contable: 'accountant', 'auxiliar contable': 'accounting assistant',
    'asistente contable': 'accounting assistant', contabilidad: 'accounting', 'tenedor de libros': 'bookkeeper', nomina: 'payroll',
    'recursos humanos': 'human resources', rrhh: 'human resources', reclutador: 'recruitment consultant', 'seleccion de personal': 'recruitment',
    programador: 'software developer', desarrollador: 'developer', 'soporte tecnico': 'ICT help desk agent', informatica: 'ICT',
    'representante de ventas': 'commercial sales representative', 'representante comercial': 'commercial sales representative',
    'ejecutivo de ventas': 'commercial sales representative', 'ejecutivo comercial': 'commercial sales representative',
    'asesor comercial': 'commercial sales representative', 'agente de ventas': 'commercial sales representative', ventas: 'sales',
    'visitador medico': 'medical sales representative', secretaria: 'secretary', 'secretaria ejecutiva': 'executive assistant',
    'secretaria de direccion': 'executive assistant', 'secretaria de gerencia': 'executive assistant', 'asistente ejecutiva': 'executive assistant',
    'asistente de gerencia': 'executive assistant', 'asistente administrativo': 'administrative assistant', 'auxiliar administrativo': 'administrative assistant',
    administrativo: 'administrative', recepcionista: 'receptionist', capturista: 'data entry clerk', digitador: 'data entry clerk',
    maestra: 'teacher', 'maestra de primaria': 'primary school teacher', 'maestro de primaria': 'primary school teacher',
    'profesor de primaria': 'primary school teacher', 'maestra jardinera': 'early years teacher', 'maestra de preescolar': 'early years teacher',
    'maestra de kinder': 'early years teacher', 'educadora de parvulos': 'early years teacher', parvularia: 'early years teacher',
    profesor: 'teacher', docente: 'teacher', preescolar: 'early years', primaria: 'primary school', secundaria: 'secondary school',
    'operario de maquina': 'machine operator', 'operador de maquina': 'machine operator', maquina: 'machine',
    domiciliario: 'delivery driver', motomensajero: 'motorcycle delivery person', 'repartidor en moto': 'motorcycle delivery person',
    'repartidor en bicicleta': 'bicycle courier', bicicleta: 'bicycle', bici: 'bicycle', farmaceutico: 'pharmacist',
    'quimico farmaceutico': 'pharmacist', boticario: 'pharmacist', medico: 'doctor', 'medico general': 'general practitioner',
    kinesiologo: 'physiotherapist', nutricionista: 'dietitian', nutriologo: 'dietitian', ingeniero: 'engineer', abogado: 'lawyer',
    teleoperador: 'call centre agent', 'agente de call center': 'call centre agent', 'call center': 'call centre',
    'atencion al cliente': 'customer service', 'servicio al cliente': 'customer service', gerente: 'manager', encargado: 'supervisor',
    velador: 'security guard', cartero: 'postman', policia: 'police officer', 'chofer particular': 'private chauffeur',
    'chofer ejecutivo': 'private chauffeur', web: 'web',
    // t14-vocab: care in the person's own home, live-in (interna, puertas adentro, cama adentro) or by the hour
    // (externa, por horas), as Spain and Latin America name it: home care, not the generic social care worker
    'cuidadora interna': 'home care aide', 'cuidador interno': 'home care aide', 'cuidadora externa': 'home care aide',
    'cuidadora a domicilio': 'home care aide', 'cuidador a domicilio': 'home care aide', 'cuidadora de ancianos interna': 'home care aide',
    'cama adentro': 'live in', 'sin retiro': 'live in', 'asistente domiciliaria': 'home care aide', 'auxiliar domiciliaria': 'home care aide',
    'auxiliar de geriatria a domicilio': 'home care aide', 'acompanante de adultos mayores': 'companion', 'acompanante de ancianos': 'companion',
    'dama de compania': 'companion', gerocultora: 'residential home older adult care worker', gerocultor: 'residential home older adult care worker',
    abuelos: 'elderly', 'adulto mayor': 'elderly',
    // "interna" is live-in only for care and domestic work: an internal auditor or internal medicine stays what it is
    'auditor interno': 'internal auditor', 'medicina interna': 'internal medicine', 'medico internista': 'internal medicine doctor',
    almacenista: 'warehouse worker', 'encargado de almacen': 'inventory coordinator', 'jefe de almacen': 'warehouse manager',
    // t16-vocab: clipped words (profe, ing.) and Latin American degree titles (MVZ = médico veterinario zootecnista)
    profe: 'teacher', mvz: 'general veterinarian', 'medico veterinario': 'general veterinarian', 'medico veterinario zootecnista': 'general veterinarian',
    'ingeniero de sistemas': 'software developer', 'ing sistemas': 'software developer', 'ingeniero en sistemas': 'software developer', 'ingeniero sistemas computacionales': 'software developer',
    'profesor de ingles': 'language school teacher', 'profe de ingles': 'language school teacher', 'profesor de idiomas': 'language school teacher',
    'profesor de frances': 'language school teacher', 'profesor de aleman': 'language school teacher', 'profesora de ingles': 'language school teacher',
    'docente de ingles': 'language school teacher', 'maestro de ingles': 'language school teacher',
    // picking a named crop by hand
    'recolector de fruta': 'fruit and vegetable picker', 'recolector de frutas': 'fruit and vegetable picker', 'recolectora de fresa': 'fruit and vegetable picker',
    'jornalero fresa': 'fruit and vegetable picker', 'jornalero de fresa': 'fruit and vegetable picker', 'recolector de fresa': 'fruit and vegetable picker',
    'jornalero fruta': 'fruit and vegetable picker', 'recolector de naranja': 'fruit and vegetable picker',
    temporero: 'seasonal worker', ...pickerOf(['jornalero', 'temporero', 'recolector', 'peon'], ['fresa', 'fruta', 'naranja', 'cereza', 'manzana', 'melocoton', 'frutos rojos', 'arandano', 'citricos'], 'fruit and vegetable picker'),
  },
  // Arabic: written as people write them; folded at load (marks, alef forms, taa marbuta, the article)
  ar: {
    // t17-titles: live-in (a domestic worker who lives with the family), simultaneous interpreting, a fishing boat's
    // seaman, and the master craftsman of Gulf and Levant building sites ("معلم" before a trade is no teacher)
    'مقيمة': 'live in', 'مقيم': 'live in', 'عامل منزلي': 'domestic housekeeper',
    'مترجم فوري': 'interpreter', 'ترجمة فورية': 'interpreting', 'بحار': 'deckhand',
    'بحار صيد': 'fisheries deckhand', 'صياد': 'fisherman', 'مركب صيد': 'fishing vessel', 'قارب صيد': 'fishing vessel', 'سفينة صيد': 'fishing vessel',
    'معلم بلوك': 'bricklayer', 'معلم طوب': 'bricklayer', 'بلوك': 'block', 'معلم دهانات': 'painter',
    'عامل نظافة': 'cleaner', 'عاملة نظافة': 'cleaner', 'عمال نظافة': 'cleaner', 'عامل تنظيف': 'cleaner', 'عاملة تنظيف': 'cleaner',
    'باص': 'bus', 'حافلة': 'bus', 'حافلات': 'bus', 'تاكسي': 'taxi', 'اجرة': 'taxi', 'سيارة اجرة': 'taxi', 'دراجة نارية': 'motorcycle',
    'موتوسيكل': 'motorcycle', 'دليفري': 'delivery', 'طلبات': 'delivery', 'نقل': 'transport', 'تريلا': 'heavy truck', 'قلاب': 'truck',
    'مستشفى': 'hospital', 'مستشفيات': 'hospital', 'عيادة': 'hospital', 'مكتب': 'office', 'مكاتب': 'office', 'شركة': 'company',
    'ممرض قانوني': 'registered nurse', 'ممرضة قانونية': 'registered nurse', 'مساعد ممرض': 'nursing assistant', 'مساعدة ممرضة': 'nursing assistant',
    'مرافق': 'care worker', 'مرافقة': 'care worker', 'مسن': 'elderly', 'مسنة': 'elderly', 'عجزة': 'elderly',
    'جليسة': 'babysitter', 'جليسة اطفال': 'babysitter', 'حاضنة': 'nanny', 'روضة': 'child care', 'حضانة': 'child care',
    'طوب': 'brick', 'بناء طوب': 'bricklayer', 'بناء حجر': 'stonemason', 'بلاط': 'tile', 'مبلط': 'tile fitter', 'سيراميك': 'tile',
    'جبس': 'plaster', 'جبس بورد': 'plasterer', 'لياسة': 'plastering', 'محارة': 'plastering', 'مساح': 'surveyor', 'عمارة': 'building',
    'عمارات': 'building', 'بواب': 'building caretaker', 'حارس عمارة': 'building caretaker', 'مسلح': 'formwork', 'حداد مسلح': 'steel fixer',
    'معدات ثقيلة': 'heavy equipment', 'حفار': 'excavator', 'شيول': 'loader', 'بلدوزر': 'bulldozer', 'ونش': 'crane', 'كرين': 'crane',
    'فني': 'technician', 'تكييف': 'air conditioning', 'تبريد': 'refrigeration', 'صيانة': 'maintenance',
    'مقهى': 'cafe', 'كافيه': 'cafe', 'قهوة': 'cafe', 'باريستا': 'barista', 'جرسون': 'waiter', 'ويتر': 'waiter', 'نادلة': 'waiter',
    'مضيف': 'host', 'استقبال': 'receptionist', 'موظف استقبال': 'receptionist', 'تدبير منزلي': 'housekeeping', 'اشراف داخلي': 'room attendant',
    'مشرف': 'supervisor', 'رئيس عمال': 'supervisor', 'غسيل': 'laundry', 'كي': 'ironing', 'غسيل صحون': 'dishwashing', 'جلي': 'dishwashing',
    'اغنام': 'sheep', 'غنم': 'sheep', 'ابقار': 'cattle', 'حلاب': 'milker', 'دواجن': 'poultry', 'حصاد': 'harvest', 'بيوت محمية': 'greenhouse',
    'مسلخ': 'slaughterhouse', 'قصاب': 'butcher', 'خراط': 'lathe operator', 'سمكري': 'vehicle body repairer',
    'تحميل وتنزيل': 'loading', 'تحميل': 'loading', 'تنزيل': 'unloading', 'تعبئة': 'packing', 'تغليف': 'packing', 'مخازن': 'warehouse', 'امين مخزن': 'inventory coordinator',
    'طباخ': 'cook', 'طاهي': 'cook', 'شيف': 'chef', 'مساعد': 'assistant', 'معلم': 'teacher', 'مدرس': 'teacher', 'عامل': 'worker', 'عمال': 'worker', 'نظافة': 'cleaning',
    'تنظيف': 'cleaning', 'منظف': 'cleaner', 'منازل': 'domestic', 'منزل': 'home', 'منزلي': 'domestic', 'بيوت': 'domestic', 'سائق': 'driver',
    'رافعة شوكية': 'forklift', 'رافعه شوكيه': 'forklift', 'رافعة': 'crane', 'شاحنة': 'truck', 'شاحنات': 'truck', 'ثقيلة': 'heavy',
    'توصيل': 'delivery', 'بناء': 'bricklayer', 'عامل بناء': 'construction worker', 'عمال بناء': 'construction worker', 'عاملة بناء': 'construction worker', 'مباني': 'building', 'نجار': 'carpenter', 'سباك': 'plumber', 'حداد': 'metal worker',
    'لحام': 'welder', 'كهربائي': 'electrician', 'ميكانيكي': 'mechanic', 'سيارات': 'vehicle', 'دهان': 'painter', 'نقاش': 'painter',
    'زراعي': 'farm', 'زراعة': 'farm', 'مزرعة': 'farm', 'مزارع': 'farm', 'فلاح': 'farm worker', 'حقول': 'farm', 'قطف': 'picking',
    'حارس': 'guard', 'أمن': 'security', 'نادل': 'waiter', 'مربية': 'nanny', 'أطفال': 'children', 'طفل': 'child', 'ممرض': 'registered nurse',
    'تمريض': 'nursing', 'عناية مركزة': 'intensive care', 'طوارئ': 'emergency', 'رعاية': 'care', 'مقدم رعاية': 'care worker',
    'كبار السن': 'elderly', 'مسنين': 'elderly', 'حلاق': 'barber', 'خياط': 'tailor', 'مصفف شعر': 'hairdresser', 'كاشير': 'cashier',
    'أمين صندوق': 'cashier', 'بائع': 'sales assistant', 'مستودع': 'warehouse', 'مخزن': 'warehouse', 'حمال': 'porter', 'خباز': 'baker',
    'جزار': 'butcher', 'مطبخ': 'kitchen', 'مطعم': 'restaurant', 'فندق': 'hotel', 'غرف': 'room', 'بستاني': 'gardener', 'راعي': 'herder',
    'مواشي': 'livestock', 'ماشية': 'livestock', 'خادمة': 'domestic housekeeper', 'عاملة منزلية': 'domestic housekeeper',
    'عامل بلاط': 'tile fitter', 'حجر': 'stone', 'معلم بناء': 'bricklayer',
    // t8-trades: "معلم" before a trade is its master craftsman, not a teacher; finishing trades, security, shops, line work
    'معلم جبس': 'plasterer', 'معلم بلاط': 'tile fitter', 'معلم سباكة': 'plumber', 'معلم كهرباء': 'electrician', 'معلم نجارة': 'carpenter',
    'معلم دهان': 'painter', 'معلم محارة': 'plasterer', 'معلم لياسة': 'plasterer', 'معلم حدادة': 'metal worker', 'معلم لحام': 'welder',
    'معلم طبخ': 'cook', 'معلم سيراميك': 'tile fitter', 'جبسان': 'plasterer', 'سقالات': 'scaffolding',
    'عامل سقالات': 'construction scaffolder', 'سقالة': 'scaffolding', 'زجاج': 'glazier', 'عزل': 'insulation', 'عامل عزل': 'insulation worker',
    'سكيورتي': 'security guard', 'سيكيوريتي': 'security guard', 'سكيوريتي': 'security guard', 'حارس امن': 'security guard',
    'شغالة': 'domestic cleaner', 'شغالات': 'domestic cleaner', 'بياع': 'sales assistant', 'بياعة': 'sales assistant', 'محل': 'shop',
    'صيدلية': 'pharmacy', 'مساعد صيدلي': 'pharmacy assistant', 'خط انتاج': 'production line', 'انتاج': 'production', 'مصنع': 'factory',
    'فني صيانة': 'maintenance technician', 'عامل صيانة': 'building maintenance technician', 'ذباح': 'slaughterer', 'عامل مسلخ': 'slaughterer',
    'مربية اطفال': 'nanny', 'خبيرة تجميل': 'beautician', 'تجميل': 'beauty', 'اظافر': 'nail technician', 'كوافيرة': 'hairdresser',
    // t13-vocab: everyday words for common occupations outside the trades, as people in the Gulf, the Levant, Egypt and
    // the Maghreb write them (ESCO uses other forms: صيدلاني, not صيدلي)
    'صيدلي': 'pharmacist', 'مبرمج': 'software developer', 'مطور': 'developer', 'مطور برمجيات': 'software developer',
    'مطور ويب': 'web developer', 'برمجيات': 'software', 'برمجة': 'programming', 'حاسوب': 'computer', 'كمبيوتر': 'computer',
    'شبكات': 'network', 'تقنية معلومات': 'ICT', 'دعم فني': 'ICT help desk agent', 'محاسب': 'accountant', 'محاسب قانوني': 'accountant',
    'مساعد محاسب': 'accounting assistant', 'ضرائب': 'tax', 'ضريبي': 'tax', 'رواتب': 'payroll', 'مدقق حسابات': 'financial auditor',
    'مندوب': 'representative', 'مبيعات': 'sales', 'مندوب مبيعات': 'commercial sales representative', 'ممثل مبيعات': 'commercial sales representative',
    'مندوب طبي': 'medical sales representative', 'مندوب توصيل': 'delivery driver', 'تسويق': 'marketing',
    'سكرتير': 'secretary', 'سكرتارية': 'secretary', 'تنفيذي': 'executive', 'مساعد تنفيذي': 'executive assistant',
    'مساعد اداري': 'administrative assistant', 'موظف اداري': 'administrative assistant', 'اداري': 'administrative',
    'مدخل بيانات': 'data entry clerk', 'ادخال بيانات': 'data entry', 'موارد بشرية': 'human resources', 'شؤون موظفين': 'human resources',
    'موظف موارد بشرية': 'human resources officer', 'اخصائي موارد بشرية': 'human resources officer', 'توظيف': 'recruitment',
    'معلمة روضة': 'early years teacher', 'معلم روضة': 'early years teacher', 'رياض اطفال': 'kindergarten', 'معلم ابتدائي': 'primary school teacher',
    'ابتدائي': 'primary school', 'ثانوي': 'secondary school', 'استاذ': 'teacher', 'تربية خاصة': 'special educational needs',
    'مشغل': 'operator', 'مشغل الة': 'machine operator', 'مشغل ماكينة': 'machine operator', 'ماكينة': 'machine', 'مكينة': 'machine',
    'سائق خاص': 'private chauffeur', 'كهربجي': 'electrician', 'ميكانيك': 'mechanic', 'قابلة قانونية': 'midwife',
    'طبيب': 'doctor', 'دكتور': 'doctor', 'طبيب عام': 'general practitioner', 'مهندس': 'engineer', 'مهندس مدني': 'civil engineer',
    'مهندس كهرباء': 'electrical engineer', 'مهندس ميكانيك': 'mechanical engineer', 'مهندس معماري': 'architect', 'محامي': 'lawyer',
    'مترجم': 'translator', 'صحفي': 'journalist', 'مصور': 'photographer', 'مصمم': 'designer', 'جرافيك': 'graphic',
    'خدمة عملاء': 'customer service', 'موظف خدمة عملاء': 'customer service representative', 'كول سنتر': 'call centre',
    'مركز اتصال': 'call centre', 'شرطي': 'police officer', 'ساعي بريد': 'postman', 'مدير': 'manager', 'منسق': 'coordinator',
    'حارس ليلي': 'security guard', 'ناطور': 'building caretaker', 'فني مختبر': 'laboratory technician', 'مختبر': 'laboratory',
    'اخصائي تغذية': 'dietitian', 'اخصائي علاج طبيعي': 'physiotherapist', 'علاج طبيعي': 'physiotherapy', 'اخصائي اجتماعي': 'social worker',
    // t14-vocab: colloquial job words of the Gulf, the Levant, Egypt and the Maghreb. Drivers: سواق (Levant, Egypt),
    // سايق (Gulf), شوفير (Levant, Maghreb); a Gulf "limousine" is a taxi
    'سواق': 'driver', 'سايق': 'driver', 'شوفير': 'driver', 'شيفور': 'driver', 'درايفر': 'driver', 'تكسي': 'taxi',
    'ليموزين': 'taxi', 'اسعاف': 'ambulance', 'سائق اسعاف': 'ambulance driver', 'نقل ثقيل': 'heavy truck',
    'نقل خفيف': 'van', 'سائق نقل ثقيل': 'truck driver', 'سائق تريلا': 'truck driver', 'سائق ونش': 'crane operator', 'سائق حفار': 'excavator operator',
    // technicians by field (فني + field): the field names the occupation
    'تحاليل': 'laboratory', 'تحاليل طبية': 'medical laboratory', 'مختبر طبي': 'medical laboratory', 'مختبرات': 'laboratory',
    'فني تحاليل': 'medical laboratory technician', 'فني تحاليل طبية': 'medical laboratory technician', 'فني مختبر طبي': 'medical laboratory technician',
    'اشعة': 'radiography', 'فني اشعة': 'radiographer', 'اخصائي اشعة': 'radiographer', 'تصوير اشعاعي': 'radiography',
    'فني تكييف': 'air conditioning technician', 'فني تبريد': 'air conditioning technician', 'فني تبريد تكييف': 'air conditioning technician',
    'فني كهرباء': 'electrician', 'فني سباكة': 'plumber', 'فني لحام': 'welder', 'فني سيارات': 'vehicle technician', 'فني ميكانيك': 'mechanic',
    'فني اسنان': 'dental technician', 'فني تركيبات اسنان': 'dental technician', 'فني صيدلة': 'pharmacy technician', 'فني صيدلية': 'pharmacy technician',
    'فني تخدير': 'anaesthetic technician', 'فني بصريات': 'optician', 'فني نظارات': 'optician', 'فني شبكات': 'ICT network technician',
    'فني حاسب': 'ICT technician', 'فني كمبيوتر': 'ICT technician', 'فني حاسوب': 'ICT technician', 'فني مصاعد': 'lift technician',
    'فني اتصالات': 'telecommunications technician', 'فني اجهزة طبية': 'medical device engineering technician', 'فني طاقة شمسية': 'solar energy technician',
    'فني علاج طبيعي': 'physiotherapy assistant', 'فني تعقيم': 'sterile services technician',
    // stores: the storekeeper keeps the stock records (أمين = keeper), the worker moves the goods
    'امين مستودع': 'inventory coordinator', 'امين مستودعات': 'inventory coordinator',
    'امين مخازن': 'inventory coordinator', 'مسؤول مستودع': 'inventory coordinator', 'امين عهدة': 'inventory coordinator',
    'عامل مستودع': 'warehouse worker', 'عامل مخزن': 'warehouse worker', 'مدير مستودع': 'warehouse manager',
    // furniture carpentry (موبيليا in Egypt, اثاث, مفروشات) is cabinet making; upholstery
    'موبيليا': 'furniture', 'موبيلات': 'furniture', 'اثاث': 'furniture', 'مفروشات': 'furniture', 'نجار موبيليا': 'cabinet maker',
    'نجار اثاث': 'cabinet maker', 'نجار موبيلات': 'cabinet maker', 'نجار مفروشات': 'cabinet maker', 'منجد': 'upholsterer',
    'نجار مسلح': 'formwork carpenter', 'نجار باطون': 'formwork carpenter', 'نجار قوالب': 'formwork carpenter',
    // "doctor" as a title before a health profession (دكتورة صيدلانية, دكتور أسنان) names that profession; ESCO's own form صيدلاني
    'صيدلاني': 'pharmacist', 'دكتور صيدلي': 'pharmacist', 'دكتور صيدلاني': 'pharmacist', 'طبيب صيدلي': 'pharmacist',
    'طبيب اسنان': 'dentist', 'دكتور اسنان': 'dentist', 'طبيب بيطري': 'veterinarian', 'دكتور بيطري': 'veterinarian', 'بيطري': 'veterinary',
    'دكتور علاج طبيعي': 'physiotherapist', 'دكتور تغذية': 'dietitian', 'مساعد طبيب اسنان': 'dental chairside assistant',
    'ممرضة اسنان': 'dental chairside assistant', 'مساعدة طبيب اسنان': 'dental chairside assistant',
    // representatives and office work
    'مندوب مشتريات': 'purchaser', 'مندوب تحصيل': 'debt collector', 'محصل': 'debt collector', 'مندوب علاقات عامة': 'public relations officer',
    'علاقات عامة': 'public relations', 'كاتب حسابات': 'bookkeeper', 'ماسك دفاتر': 'bookkeeper', 'محاسب تكاليف': 'cost accountant',
    'سكرتير تنفيذي': 'executive assistant', 'مدرس خصوصي': 'private tutor', 'خصوصي': 'private',
    // trades with colloquial names
    'بنشرجي': 'tyre fitter', 'بنشر': 'tyre fitter', 'كهربائي سيارات': 'automotive electrician', 'كهربائي اوتو': 'automotive electrician',
    'عفش': 'removal', 'عامل نقل عفش': 'mover', 'عفشجي': 'mover', 'حلواني': 'pastry maker', 'حلويات': 'pastry', 'مزين': 'barber',
    // care in the person's own home: a companion-carer of the elderly (مرافقة كبار السن), home care
    'مرافق مسن': 'home care aide', 'مرافقة مسن': 'home care aide', 'مرافق مسنين': 'home care aide', 'مرافق كبار سن': 'home care aide',
    'جليسة مسنين': 'home care aide', 'جليسة كبار سن': 'home care aide', 'جليس مسنين': 'home care aide', 'رعاية منزلية': 'home care',
    'مقدم رعاية منزلية': 'home care aide', 'عامل رعاية منزلية': 'home care aide', 'مرافق مريض': 'home care aide',
    // t16-vocab: words borrowed from French and English, written in Arabic letters (Maghreb and Gulf job ads)
    'بلومبي': 'plumber', 'بلومبيي': 'plumber', 'شوفور': 'driver', 'الكتريسيان': 'electrician', 'اليكتريسيان': 'electrician',
    'ميكانيسيان': 'mechanic', 'كوافور': 'hairdresser', 'كوافير': 'hairdresser', 'سيكريتار': 'secretary', 'سكرتار': 'secretary',
    'داتا': 'data', 'مدخل داتا': 'data entry clerk', 'ادخال داتا': 'data entry clerk', 'مدخلة بيانات': 'data entry clerk',
    'موبايل': 'mobile phone', 'موبايلات': 'mobile phone', 'جوال': 'mobile phone', 'جوالات': 'mobile phone', 'صيانة موبايل': 'mobile phone repair technician',
    'فني موبايل': 'mobile phone repair technician', 'فني صيانة موبايل': 'mobile phone repair technician', 'فني صيانة موبايلات': 'mobile phone repair technician', 'فني صيانة جوال': 'mobile phone repair technician', 'صيانة جوالات': 'mobile phone repair technician', 'فني صيانة جوالات': 'mobile phone repair technician',
    'فرونت اند': 'user interface', 'مطور فرونت اند': 'web developer', 'مبرمج فرونت اند': 'web developer', 'باك اند': 'back end', 'مطور باك اند': 'software developer',
    'اخصائي توظيف': 'recruitment consultant', 'مسؤول توظيف': 'recruitment consultant', 'اخصائي': 'specialist',
  },
  // German: heads and qualifiers of compounds; compounds are split at the longest known head
  de: {
    // t17-titles: forestry, dispatch and freight forwarding, power plants (a "-fahrer" of a plant runs it), accounts payable
    // and receivable, the care helper of Austrian and Swiss care, and the shop a Verkäufer sells in (ESCO's specialised sellers)
    forstwirt: 'forest worker', forstarbeiter: 'forest worker', waldarbeiter: 'forest worker', disponent: 'dispatcher', disposition: 'dispatch',
    spedition: 'freight transport', nahverkehr: 'local transport', fernverkehr: 'long distance transport', kraftwerk: 'power plant',
    anlagenfahrer: 'plant operator', kraftwerksfahrer: 'power plant operator', kraftwerker: 'power plant operator', kreditorenbuchhaltung: 'accounts payable',
    debitorenbuchhaltung: 'accounts receivable', kreditorenbuchhalter: 'bookkeeper', debitorenbuchhalter: 'bookkeeper', finanzbuchhalter: 'bookkeeper',
    ...sellerOf(['verkaufer', 'fachverkaufer'], { backerei: 'bakery', konditorei: 'confectionery', metzgerei: 'meat and meat products', fleischerei: 'meat and meat products',
      fischtheke: 'fish and seafood', feinkost: 'delicatessen', schuhe: 'shoe and leather accessories', mode: 'clothing', buchhandlung: 'bookshop',
      optik: 'eyewear and optical equipment', parfumerie: 'cosmetics and perfume', schmuck: 'jewellery and watches', spielwaren: 'toys and games',
      baumarkt: 'building materials', tankstelle: 'fuel station', getranke: 'beverages', zoofachhandel: 'pet and pet food' }),
    ing: 'engineer', reinigungsmitarbeiter: 'cleaner', reinigungshilfe: 'cleaner', reinigungskraft: 'cleaner', putzkraft: 'cleaner', servicekraft: 'waiter', gastronomie: 'restaurant', restaurant: 'restaurant', gastro: 'restaurant', bar: 'bar',
    barkeeper: 'bartender', barista: 'barista', beikoch: 'kitchen assistant', jungkoch: 'cook', kochin: 'cook', kuchenhilfe: 'kitchen assistant',
    spulkraft: 'kitchen porter', spuler: 'kitchen porter', spulhilfe: 'kitchen porter', zimmermadchen: 'room attendant', zimmerfrau: 'room attendant',
    roomboy: 'room attendant', housekeeping: 'room attendant', hauswirtschaft: 'housekeeping', rezeption: 'receptionist', empfang: 'receptionist',
    altenpfleger: 'elderly care worker', altenpflege: 'elderly care', pflegeassistent: 'nursing assistant', pflegeassistenz: 'nursing assistant',
    pflegehelfer: 'nursing assistant', pflegehilfskraft: 'nursing assistant', pflegefachfrau: 'registered nurse', pflegefachmann: 'registered nurse', pflegekraft: 'care worker', pflegefachkraft: 'registered nurse', krankenpfleger: 'registered nurse',
    krankenschwester: 'registered nurse', gesundheits: 'health', krankenhaus: 'hospital', klinik: 'hospital', heim: 'care home', seniorenheim: 'care home',
    erzieher: 'child care worker', kita: 'child care', tagesmutter: 'childminder', kinderbetreuung: 'child care', hebamme: 'midwife',
    berufskraftfahrer: 'truck driver', kraftfahrer: 'driver', busfahrer: 'bus driver', omnibus: 'bus', lastwagen: 'truck', sattelzug: 'heavy truck',
    kfz: 'vehicle', auto: 'vehicle', mechatroniker: 'mechanic', elektroniker: 'electrician', anlagenmechaniker: 'plumber', shk: 'plumbing heating',
    sanitar: 'plumbing', heizung: 'heating', klima: 'air conditioning', kalte: 'refrigeration', gabelstapler: 'forklift', kommissionierer: 'order picker',
    kommissionierung: 'order picking', verlader: 'loader', packer: 'packer', versand: 'shipping', logistik: 'logistics', leger: 'layer',
    fliesenleger: 'tile fitter', dachdecker: 'roofer', betonbauer: 'concrete worker', schalungsbauer: 'formwork carpenter', eisenflechter: 'steel fixer',
    tiefbau: 'civil engineering', strassenbau: 'road construction', baumaschinen: 'construction machinery', bagger: 'excavator', baggerfahrer: 'excavator operator',
    erntehelfer: 'fruit picker', saisonarbeiter: 'seasonal worker', saison: 'seasonal', melker: 'milker', schafer: 'shepherd',
    schlachter: 'slaughterer', fleischer: 'butcher', zerleger: 'meat cutter', buro: 'office', gebaudereiniger: 'building cleaner', raumpfleger: 'cleaner',
    unterhaltsreinigung: 'cleaning', glasreiniger: 'window cleaner', security: 'security', objektschutz: 'security', pfortner: 'gatekeeper',
    paketzusteller: 'parcel delivery driver', kurierfahrer: 'courier',
    fahrer: 'driver', mitarbeiter: 'worker', arbeiter: 'worker', helfer: 'assistant', hilfe: 'assistant', hilfskraft: 'assistant',
    kraft: 'worker', fachkraft: 'skilled worker', pfleger: 'care worker', pflege: 'care', betreuer: 'care worker', betreuung: 'care',
    assistent: 'assistant', reiniger: 'cleaner', reinigung: 'cleaning', putzer: 'cleaner', putzfrau: 'cleaner', putz: 'cleaning',
    fenster: 'window', gebaude: 'building', haus: 'house', hausmeister: 'building caretaker', koch: 'cook', kuche: 'kitchen',
    kuchen: 'kitchen', lager: 'warehouse', liefer: 'delivery', lieferung: 'delivery', bau: 'construction', bauer: 'builder',
    gerust: 'scaffolding', strasse: 'road', kran: 'crane', fuhrer: 'operator', turmdrehkran: 'tower crane', sicherheit: 'security',
    wach: 'security', wachmann: 'security guard', wachter: 'guard', kassierer: 'cashier', kasse: 'cashier', verkaufer: 'sales assistant',
    rettung: 'emergency', sanitater: 'paramedic', tier: 'animal', landwirtschaft: 'farm', landwirtschaftlich: 'farm', feld: 'farm',
    garten: 'garden', gartner: 'gardener', maler: 'painter', maurer: 'bricklayer', elektriker: 'electrician', schweisser: 'welder',
    mechaniker: 'mechanic', monteur: 'fitter', installateur: 'installer', sprinter: 'van', transporter: 'van', lkw: 'truck',
    bus: 'bus', taxi: 'taxi', stapler: 'forklift', alten: 'elderly', senioren: 'elderly', kinder: 'child', kranken: 'nurse',
    spul: 'dishwashing', produktion: 'production', fabrik: 'factory', montage: 'assembly', zimmer: 'room', hotel: 'hotel',
    service: 'service', ernte: 'harvest', obst: 'fruit', stall: 'livestock', dach: 'roof', fliesen: 'tile', trockenbau: 'drywall',
    zusteller: 'delivery', kurier: 'courier', paket: 'parcel', backer: 'baker', metzger: 'butcher', friseur: 'hairdresser',
    kellner: 'waiter', tischler: 'carpenter', schreiner: 'carpenter', zimmerer: 'carpenter', klempner: 'plumber', lackierer: 'painter',
    zimmermann: 'carpenter', betreuungskraft: 'care worker', fachverkaufer: 'specialised seller', backerei: 'bakery', fleischerei: 'butcher shop',
    metzgerei: 'butcher shop', heizungsbauer: 'heating technician',
    // t8-trades
    gerustbauer: 'construction scaffolder', boden: 'floor', bodenleger: 'floor layer', parkettleger: 'hardwood floor layer',
    teppichleger: 'carpet fitter', glaser: 'glazier', stuckateur: 'plasterer', verputzer: 'plasterer', isolierer: 'insulation worker',
    dammung: 'insulation', sicherheitsmitarbeiter: 'security guard', sicherheitsdienst: 'security guard', einzelhandel: 'retail',
    regalauffuller: 'shelf filler', auffuller: 'shelf filler', pta: 'pharmacy technician', apotheke: 'pharmacy',
    tierwirt: 'livestock worker', stallhelfer: 'livestock worker', produktionshelfer: 'factory worker', produktionsmitarbeiter: 'factory worker',
    maschinenfuhrer: 'production line operative', instandhalter: 'maintenance engineer', instandhaltung: 'maintenance',
    industriemechaniker: 'industrial machinery mechanic', haustechniker: 'building maintenance technician', nageldesigner: 'nail technician',
    nagel: 'nail', kosmetiker: 'beautician', kinderpfleger: 'child care worker',
    // t12-titles: the common heads and fields of German titles outside the migration trades (written from general
    // knowledge of German job words, not per title); words German shares with English are read by `germanCognate`
    leiter: 'manager', leitung: 'management', lehrer: 'teacher', arzt: 'doctor', zahn: 'dental', prufer: 'inspector',
    berater: 'advisor', beratung: 'advice', ingenieur: 'engineer', elektro: 'electrical', vertrieb: 'sales', verkauf: 'sales',
    einkauf: 'purchasing', einkaufer: 'buyer', entwickler: 'developer', bediener: 'operator', gestalter: 'designer',
    schneider: 'tailor', handel: 'trade', buchhalter: 'bookkeeper',
    sachbearbeiter: 'clerk', kaufmann: 'clerk', kauffrau: 'clerk', anwalt: 'lawyer', richter: 'judge', wasser: 'water',
    abwasser: 'wastewater', holz: 'wood', stahl: 'steel', metall: 'metal', leder: 'leather', papier: 'paper', druck: 'printing',
    drucker: 'printer', buch: 'book', lebensmittel: 'food', wein: 'wine', fleisch: 'meat', fisch: 'fish', forst: 'forestry',
    wald: 'forest', fahr: 'driving', bahn: 'railway', schiff: 'ship', umwelt: 'environmental', strom: 'electricity',
    versicherung: 'insurance', steuer: 'tax', werbung: 'advertising', verwaltung: 'administration',
    schuh: 'shoe', uhr: 'watch', schmuck: 'jewellery', glas: 'glass', stein: 'stone', kunst: 'art',
    tischlerei: 'joinery', schlosser: 'metal worker', dreher: 'turner', fraser: 'milling machine operator', giesser: 'foundry worker',
    forscher: 'researcher', wissenschaftler: 'scientist', dolmetscher: 'interpreter', ubersetzer: 'translator',
    vermittler: 'agent', makler: 'broker', pfarrer: 'priest', sprecher: 'speaker', schauspieler: 'actor', sanger: 'singer',
    // t13-vocab: everyday words for common occupations outside the trades, as people in Germany and Austria write them
    fachangestellte: 'clerk', fachangestellter: 'clerk', angestellte: 'clerk', angestellter: 'clerk', personal: 'human resources',
    personalwesen: 'human resources', personalreferent: 'human resources officer', referent: 'officer', lohn: 'payroll', gehalt: 'payroll',
    apotheker: 'pharmacist', programmierer: 'software developer', aussendienst: 'field sales', innendienst: 'sales support',
    aussendienstmitarbeiter: 'commercial sales representative', vertriebsmitarbeiter: 'commercial sales representative',
    handelsvertreter: 'commercial sales representative', vertreter: 'representative', pharmareferent: 'medical sales representative',
    chefsekretar: 'executive assistant', vorstandsassistent: 'executive assistant', assistenz: 'assistant', geschaftsfuhrung: 'management',
    geschaftsfuhrer: 'managing director', kindergartner: 'early years teacher', grundschule: 'primary school',
    grundschullehrer: 'primary school teacher', gymnasiallehrer: 'secondary school teacher', berufsschullehrer: 'vocational teacher',
    lehrkraft: 'teacher', fahrrad: 'bicycle', fahrradkurier: 'bicycle courier', hausarzt: 'general practitioner',
    bauingenieur: 'civil engineer', lokfuhrer: 'train driver', triebfahrzeugfuhrer: 'train driver', postbote: 'postman',
    brieftrager: 'postman', polizist: 'police officer', sozialarbeiter: 'social worker', kundenservice: 'customer service',
    kundenberater: 'customer service representative', callcenter: 'call centre', medizinisch: 'medical', zahnmedizinisch: 'dental',
    'medizinische fachangestellte': 'medical administrative assistant', 'zahnmedizinische fachangestellte': 'dental chairside assistant',
    ...GERMAN_OFFICIAL_TITLES,
    // t16-vocab: the Elektroniker by specialism, event technicians, farmers by livestock, the veterinary practice, municipalities
    'elektroniker fur betriebstechnik': 'industrial electrician', 'elektroniker betriebstechnik': 'industrial electrician',
    'elektroniker fur energie gebaudetechnik': 'building electrician', 'elektroniker energie gebaudetechnik': 'building electrician',
    'elektroniker fur automatisierungstechnik': 'automation engineering technician', veranstaltungstechniker: 'stage technician',
    landwirt: 'farmer', milchvieh: 'livestock', milchviehhaltung: 'livestock', rinderhaltung: 'livestock', viehhaltung: 'livestock',
    'landwirt milchvieh': 'livestock worker', 'landwirt tierhaltung': 'livestock worker', 'landwirt ackerbau': 'crop production worker',
    tierarzthelfer: 'veterinary nurse', tierarzt: 'general veterinarian',
    gemeinde: 'public administration', marktgemeinde: 'public administration', stadtgemeinde: 'public administration', gemeindeamt: 'public administration',
    gemeindeverwaltung: 'public administration', stadtverwaltung: 'public administration', landratsamt: 'public administration',
  },
};

/** Languages whose noun phrases put the head first: read in reverse for English order. */
const HEAD_FIRST = new Set<GlossaryLang>(['fr', 'es', 'ar']);
/** Words of a title that tell nothing about the occupation (shifts, places that qualify nothing). */
const NOISE = new Set(['nights', 'night', 'days', 'weekend', 'weekends', 'shift', 'shifts', 'nacht', 'nachts',
  // t12-titles: shifts in French, Spanish and German
  'nuit', 'nuits', 'jour', 'noche', 'noches', 'turno', 'turnos', 'schicht', 'schichten', 'nachtschicht', 'wochenende', 'fruhschicht', 'spatschicht',
  // a driving licence class qualifies the person ("Fahrlehrer Klasse B", "Fahrer Führerschein Klasse C")
  'klasse', 'fuhrerschein', 'polyvalent', 'polyvalente', 'experiencia', 'experience', 'con', 'sin', 'qualifie', 'qualifiee', 'cualificado', 'm w d', 'mwd',
  // licence and card names (t8-trades): SIA badge, CSCS/CISRS/CPCS/NPORS cards, §34a, NVQ qualify the person, not the trade
  'sia', 'cscs', 'cisrs', 'cpcs', 'npors', 'nvq', '34a',
  // t14-vocab: "wanted" in German ads ("MFA gesucht")
  'gesucht', 'dringend',
  // t16-vocab: contract, pay-scale and certificate words of job ads (CDI, vacataire, TVöD, Swiss EFZ) and "wanted" in Arabic
  'cdi', 'cdd', 'vacataire', 'interim', 'tvod', 'tvl', 'efz', 'eba', 'jr', 'sr',
  // the feminine ending written after a slash ("Jornaleros/as", "Vendeur/euse")
  'as', 'os', 'trice', 'trices', 'euse', 'euses', 'مطلوب', 'مطلوبة', 'عاجل', 'دوام', 'جزئي', 'كامل']);
const MAX_UNIT = 3;

/** Keys folded like the title's words: function words dropped ("femme de ménage" → "femme menage"). */
/** French ligatures are letters the Unicode fold keeps ("manœuvre"); people type them both ways. */
const unligature = (s: string): string => s.replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE');
const keyFold = (s: string, lang: string): string => foldText(unligature(s)).replace(/ß/g, 'ss').split(' ').filter((w) => !isStopword(w, lang)).join(' ');

const GLOSSARY: Record<GlossaryLang, Map<string, string>> = Object.fromEntries(
  Object.entries(RAW).map(([l, m]) => [l, new Map(Object.entries(m).map(([k, v]) => [keyFold(k, l), v]))]),
) as Record<GlossaryLang, Map<string, string>>;

/** Candidate forms of a folded word, itself first: feminine/plural endings (fr/es), light stems (ar), inflections (de). */
function variants(w: string, lang: GlossaryLang): string[] {
  const out = [w];
  const add = (x: string) => { if (x.length >= 2 && !out.includes(x)) out.push(x); };
  if (lang === 'ar') for (const v of arabicVariants(w)) add(v);
  if (lang === 'fr') {
    for (const [a, b] of [['euses', 'eur'], ['euse', 'eur'], ['trices', 'teur'], ['trice', 'teur'], ['ieres', 'ier'], ['iere', 'ier'], ['eres', 'er'], ['ere', 'er'], ['iennes', 'ien'], ['ienne', 'ien'], ['ives', 'if'], ['ive', 'if'], ['es', ''], ['e', ''], ['s', ''], ['x', '']] as const) {
      if (w.endsWith(a) && w.length - a.length >= 3) add(w.slice(0, -a.length) + b);
    }
  }
  if (lang === 'es') {
    for (const [a, b] of [['oras', 'or'], ['ora', 'or'], ['eras', 'ero'], ['era', 'ero'], ['as', 'o'], ['a', 'o'], ['es', ''], ['os', 'o'], ['s', '']] as const) {
      if (w.endsWith(a) && w.length - a.length >= 3) add(w.slice(0, -a.length) + b);
    }
  }
  if (lang === 'de') {
    for (const s of ['innen', 'in', 'ern', 'en', 'er', 'es', 'e', 'n', 's']) if (w.endsWith(s) && w.length - s.length >= 3) add(w.slice(0, -s.length));
  }
  if (lang === 'en' && w.endsWith('s') && w.length > 4) add(w.slice(0, -1));
  return out;
}

/** Forms of a folded word the learnt lexicon may hold (fr/es feminine and plural, Arabic light stems), itself excluded. */
export function wordForms(w: string, lang: string): string[] {
  return lang in RAW ? variants(w, lang as GlossaryLang).slice(1) : [];
}

/** One folded word read through its language's title glossary (with its inflections); undefined when unknown. */
export function glossaryWord(w: string, lang: string): string | undefined {
  if (!(lang in RAW)) return undefined;
  return lang === 'de' ? germanCompound(w) : lookup(w, lang as GlossaryLang);
}

/**
 * A multi-word unit of the language's title glossary starting at word i of folded, function-word-free words
 * ("agent securite" → security guard, "ممرض قانوني" → registered nurse): its English and length, longest first.
 */
export function glossaryUnit(ws: string[], i: number, lang: string): { en: string; n: number } | undefined {
  if (!(lang in RAW)) return undefined;
  const g = GLOSSARY[lang as GlossaryLang];
  for (let n = Math.min(MAX_UNIT, ws.length - i); n >= 2; n--) {
    const forms = ws.slice(i, i + n).map((w) => variants(w, lang as GlossaryLang));
    const hit = combos(forms).map((k) => g.get(k)).find(Boolean);
    if (hit) return { en: hit, n };
  }
  return undefined;
}

function lookup(w: string, lang: GlossaryLang): string | undefined {
  const g = GLOSSARY[lang];
  for (const v of variants(w, lang)) {
    const hit = g.get(v);
    if (hit) return hit;
  }
  return undefined;
}

/** A folded German word with some of its ae/oe/ue pairs read as typed umlauts (at most three pairs), itself excluded. */
function umlautForms(w: string): string[] {
  const at: number[] = [];
  for (const m of w.matchAll(/[aou]e/g)) at.push(m.index!);
  if (!at.length || at.length > 3) return [];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << at.length; mask++) {
    let s = w;
    for (let k = at.length - 1; k >= 0; k--) if (mask & (1 << k)) s = s.slice(0, at[k]! + 1) + s.slice(at[k]! + 2);
    out.push(s);
  }
  return out.sort((a, b) => b.length - a.length);
}

/**
 * A German compound read as its parts, the head the longest known ending (Gerüstbauer → scaffolding builder). With
 * `english` (a test for words of ESCO's English labels), a part the glossary lacks may be read as the English word it
 * is spelt like (`germanCognate`: Qualitätsprüfer → quality inspector, Textilmaschinenführer → textile machine
 * operator); glossary heads are tried first, then cognate heads.
 */
function germanCompound(w: string, depth = 0, english?: (folded: string) => boolean, identity = true): string | undefined {
  const whole = lookup(w, 'de');
  if (whole) return whole;
  // umlauts typed as ae/oe/ue on a keyboard without them ("Geruestbauer", "Verkaeuferin"): read as the folded letter
  // ("Bauer" keeps its "ue": each pair is tried folded or kept, first the forms that fold the fewest)
  if (depth === 0) for (const f of umlautForms(w)) {
    const read = germanCompound(f, 1, english, identity);
    if (read) return read;
  }
  const cog = english ? germanCognate(w, english, identity) : undefined;
  if (cog) return cog;
  if (depth > 2 || w.length < 6) return undefined;
  const heads: ((x: string) => string | undefined)[] = [(x) => lookup(x, 'de')];
  if (english) heads.push((x) => (x.length >= 5 ? germanCognate(x, english, identity) : undefined));
  for (const headOf of heads) {
    for (let i = 2; i <= w.length - 3; i++) {
      const head = headOf(w.slice(i));
      if (!head) continue;
      const mod = w.slice(0, i);
      const tries = [mod, ...(mod.endsWith('s') ? [mod.slice(0, -1)] : []), ...(mod.endsWith('n') ? [mod.slice(0, -1)] : [])];
      for (const m of tries) {
        const left = m.length >= 3 ? germanCompound(m, depth + 1, english, identity) : undefined;
        if (left) return `${left} ${head}`;
      }
      // an unknown qualifier: the head alone still names the kind of work
      return depth === 0 ? head : undefined;
    }
  }
  return undefined;
}

/**
 * The English word a German word is spelt like, when it is a word of ESCO's English labels: German writes k and z
 * where English writes c, sch where it writes ch, and its learned suffixes regularly (-loge → -logist, -ologie →
 * -ology, -iker → -ician, -ität → -ity, -ik → -ic(s), -ie → -y, -är → -ary, -il → -ile, -ur → -ure, -isch → -ic(al),
 * -eut → -ist, -graf → -grapher);
 * gender and case endings are dropped first (Meteorologin → meteorologist, Soziologe → sociologist, Sekretärin →
 * secretary, Elektronik → electronics, Textil → textile, Maschine → machine). A word spelt exactly as an English word
 * ("Binder", "Pilot") is read as itself only when `identity` is set. Undefined when no form is an English word.
 */
export function germanCognate(w: string, english: (folded: string) => boolean, identity = true): string | undefined {
  if (w.length < 5) return undefined;
  // a word of the English labels is that word, not a German spelling of another ("mechanic" is no "mechanics")
  if (english(w)) return identity ? w : undefined;
  for (const stem of variants(w, 'de')) {
    const spellings = [...new Set([stem, cz(stem), cz(stem.replace(/sch/g, 'ch')), cz(stem).replace(/fo/g, 'pho').replace(/graf/g, 'graph')])];
    for (const s of spellings) {
      for (const [a, b] of DE_COGNATE) {
        if (!s.endsWith(a) || s.length - a.length < 3) continue;
        const c = s.slice(0, -a.length) + b;
        if (c !== w && english(c)) return c;
      }
      if (s.length >= 5 && (s !== w || identity) && english(s)) return s;
    }
  }
  return undefined;
}
const cz = (s: string): string => s.replace(/k/g, 'c').replace(/z/g, 'c');
const DE_COGNATE: [string, string][] = [
  ['ologe', 'ologist'], ['olog', 'ologist'], ['ologie', 'ology'], ['icer', 'ician'], ['iker', 'ician'], ['itat', 'ity'],
  ['ic', 'ics'], ['ik', 'ics'], ['ik', 'ic'], ['ie', 'y'], ['ar', 'ary'], ['il', 'ile'], ['ur', 'ure'], ['isch', 'ic'],
  ['isch', 'ical'], ['isc', 'ic'], ['iv', 'ive'], ['at', 'ate'], ['eut', 'ist'], ['graph', 'grapher'],
];

export interface GlossaryReading {
  /** the title in English words, for the English reader */
  text: string;
  /** share of the title's content words the glossary read */
  coverage: number;
  /** share of the content words that are glossary entries (or, for English, words of ESCO's English labels) */
  known: number;
  lang: GlossaryLang;
  /** the head noun's English reading alone, when qualifiers were read too and the head names a trade by itself */
  head?: string;
}

/** Heads that name no trade on their own ("worker" alone reads as anything): never read alone. */
const GENERIC_HEADS = new Set(['worker', 'assistant', 'operator', 'operative', 'driver', 'helper', 'labourer', 'skilled worker', 'technician', 'supervisor', 'crew member', 'installer', 'fitter', 'layer', 'guard', 'attendant', 'host', 'manager', 'seasonal worker']);

/** Generic heads that add nothing after a noun naming the person ("electrician technician", "welder worker"). */
const AGENT_REDUNDANT = new Set(['worker', 'technician', 'operative', 'skilled worker']);

/** Glossaries that may read a title: Arabic script only the Arabic one, Latin script every Latin-script one. */
const LATIN: GlossaryLang[] = ['en', 'fr', 'es', 'de'];

/**
 * The title read into English through its language's glossary; undefined when no glossary reads its head.
 *
 * The detector is not trusted on one to three words ("dishwasher" reads as German, "Kellner" as nothing, "LKW Fahrer"
 * as Dutch): the title is read through every glossary of its script, and the evidence decides. The detected
 * language's reading stands unless another glossary knows a larger share of the title's words (every word, or the
 * detected one reads nothing); ties go to the detected language, then to the order en, fr, es, de.
 */
// Job nouns are read as the usual English job title, not the dictionary word: "infirmière" is advertised in English as
// "registered nurse" ("nurse" alone reads as nurse assistant just as often).
export function readTitleInEnglish(title: string, readLang: ReadLang | 'und', englishWord?: (folded: string) => boolean): GlossaryReading | undefined {
  const langs: GlossaryLang[] = readLang === 'ar' ? ['ar'] : LATIN;
  const readings = langs.map((l) => readIn(title, l, englishWord)).filter((r): r is GlossaryReading => !!r);
  if (!readings.length) return undefined;
  const chosen = choose(readings, readLang, englishWord);
  // a reading that is only a generic head ("chofer" → driver) says nothing the English reader can rank: read as written
  return chosen && !GENERIC_HEADS.has(chosen.text) ? chosen : undefined;
}

function choose(readings: GlossaryReading[], readLang: ReadLang | 'und', englishWord?: (folded: string) => boolean): GlossaryReading | undefined {
  const own = readings.find((r) => r.lang === readLang);
  let best: GlossaryReading | undefined;
  // another language's reading must know every word ("car mechanic" is not a French coach)
  for (const r of readings) if (r !== own && (readLang === 'und' || r.known >= 1) && (!best || r.known > best.known)) best = r;
  if (!own) {
    // nothing detected, or the detected language's glossary reads nothing: the reading that knows the most words,
    // only when it is alone in knowing that much (one word two glossaries read differently says nothing)
    if (!best) return undefined;
    const rivals = readings.filter((r) => r !== best && r.known === best!.known && r.text !== best!.text);
    return rivals.length ? undefined : englishWords(best, englishWord);
  }
  return englishWords(best && best.known > own.known ? best : own, englishWord);
}

/**
 * A foreign title's English reading rewritten through the English glossary too, when that changes it: the English
 * reader knows ESCO's words, not every English word ("care assistant" → care worker, "security worker" → security
 * guard, "farm labourer" → farm worker).
 */
function englishWords(r: GlossaryReading, englishWord?: (folded: string) => boolean): GlossaryReading {
  if (r.lang === 'en') return r;
  const en = readIn(r.text, 'en', englishWord);
  if (!en || en.text === r.text) return r;
  const head = r.head ? (readIn(r.head, 'en')?.text ?? r.head) : undefined;
  return { ...r, text: en.text, ...(head && !GENERIC_HEADS.has(head) && head !== en.text ? { head } : {}) };
}

function readIn(title: string, lang: GlossaryLang, englishWord?: (folded: string) => boolean): GlossaryReading | undefined {
  // a single Latin letter is an initial or a licence class ("Fahrlehrer Klasse B"), not a word of the trade
  const words = cleanTitle(unligature(title)).replace(/ß/g, 'ss').split(' ').filter((w) => w && !isStopword(w, lang) && !NOISE.has(w) && !/^[a-z]$/.test(w));
  if (!words.length) return undefined;
  const units: (string | undefined)[] = [];
  let known = 0;
  let strict = 0;
  let changed = false;
  for (let i = 0; i < words.length; ) {
    let took = 0;
    for (let n = Math.min(MAX_UNIT, words.length - i); n >= 2 && !took; n--) {
      // multi-word units: each word in any of its forms ("femmes de ménage", "رافعات شوكية")
      const forms = words.slice(i, i + n).map((w) => variants(w, lang));
      const hit = combos(forms).map((k) => GLOSSARY[lang].get(k)).find(Boolean);
      if (hit) { units.push(hit); known += n; strict += n; took = n; changed = true; }
    }
    if (took) { i += took; continue; }
    const w = words[i]!;
    const en = lang === 'de' ? germanCompound(w, 0, englishWord) : lookup(w, lang);
    // a German word read only through English words spelt the same ("Binder", "Webadministrator") is no evidence the
    // title is German
    const strictly = !!en && (lang !== 'de' || !englishWord || !!germanCompound(w, 0, englishWord, false));
    if (en) { known++; if (strictly) strict++; changed ||= en !== w; }
    units.push(en ?? (lang === 'en' ? w : undefined));
    if (lang === 'en' && !en) {
      // an English word of ESCO's labels is known English ("KP / dishwasher": every word is English)
      known++;
      if (englishWord?.(w)) strict++;
    }
    i++;
  }
  // German job ads also put the person first and the field after ("Servicekraft Gastronomie", "Fahrer Nahverkehr"): a
  // last word that names no person after a first that does is read head first; so is an unknown last word after a person
  // ("Schreinerin Werkstatt Nord", "Kaufmann im Einzelhandel Filiale": t16-vocab), which would otherwise drop the reading
  const first = units[0];
  const last = units[units.length - 1];
  const headFirst = HEAD_FIRST.has(lang) || (lang === 'de' && units.length > 1 && !!first && isPerson(first) && (!last || !isPerson(last)));
  const head = headFirst ? first : last;
  if (!head || !changed) return undefined;
  let ordered = [...new Set((headFirst ? [...units].reverse() : units).filter((u): u is string => !!u))];
  // a generic head over a noun that already names the person ("فني تمديدات كهربائية" → electrician technician, "عامل
  // نظافة" read word by word → cleaner worker): the person noun is the title ("assistant" and "helper" are not
  // generic here: a cook's assistant is a kitchen assistant, not a cook)
  const last2 = ordered[ordered.length - 2];
  if (ordered.length >= 2 && AGENT_REDUNDANT.has(ordered[ordered.length - 1]!) && last2 && isPerson(last2) && !GENERIC_HEADS.has(last2.split(' ').pop()!)) ordered = ordered.slice(0, -1);
  const text = ordered.join(' ');
  // an English head is read alone only when it names a person ("Driver - Lorry" read "driver truck": a truck is no
  // occupation; other languages' readings are hand-written job nouns)
  const alone = ordered.length > 1 && !GENERIC_HEADS.has(head) && head !== text && (lang !== 'en' || isPerson(head)) ? { head } : {};
  return { text, coverage: known / words.length, known: strict / words.length, lang, ...alone };
}

/** True when an English reading names a person (a job noun), not a field or a place. */
function isPerson(en: string): boolean {
  const w = en.split(' ').pop()!;
  return PERSON.test(w) && !NOT_PERSON.has(w);
}
const PERSON = /(er|or|ist|ian|nurse|cook|guard|chef|aide|assistant|attendant|hand|maid|man|woman|staff|labourer|operative|member)$/;
const NOT_PERSON = new Set(['order', 'water', 'shelter', 'centre', 'center', 'floor', 'sector', 'interior', 'exterior', 'indoor', 'outdoor']);

function combos(forms: string[][]): string[] {
  let acc = [''];
  for (const f of forms) acc = acc.flatMap((a) => f.slice(0, 4).map((x) => (a ? `${a} ${x}` : x)));
  return acc;
}

/**
 * The two readings mixed: p = (1 − w)·p(as written) + w·p(English reading). The weight is set a priori, not fitted (no
 * held-out set of such titles is large enough to fit it): the English reading leads when the glossary read every
 * word, shares when it read only the head, and counts less when the title as written is itself an ESCO label.
 */
export function mixReadings(asWritten: NormalizedTitle[], english: NormalizedTitle[], reading: GlossaryReading, exactLabel: boolean, limit: number): NormalizedTitle[] {
  let w = reading.coverage >= 1 ? MIX.full : MIX.partial;
  // the reading as written found no label that reads like the title (its best answer stands on the learnt lexicon's
  // word-by-word translation alone, a noisier reading of the same kind): the hand-written reading leads further
  if (reading.coverage >= 1 && (asWritten[0]?.evidence.lexical ?? 0) < MIX.weakLexical) w = MIX.unlabelled;
  if (exactLabel) w = Math.min(w, MIX.exact);
  const by = new Map<string, NormalizedTitle>();
  for (const r of asWritten) by.set(r.id, { ...r, score: (1 - w) * r.score });
  for (const r of english) {
    const cur = by.get(r.id);
    const ev = { ...r.evidence, readLang: asWritten[0]?.evidence.readLang ?? r.evidence.readLang, translated: reading.text, via: `title-glossary:${reading.lang}` };
    // an occupation the title as written reaches keeps that evidence (the label it matched, in its language), and
    // says it was read through the glossary when that reading weighs more
    if (cur) by.set(r.id, { ...cur, score: cur.score + w * r.score, ...(w * r.score > cur.score ? { evidence: { ...cur.evidence, translated: reading.text, via: ev.via } } : {}) });
    else by.set(r.id, { ...r, score: w * r.score, evidence: ev });
  }
  return [...by.values()].map((r) => ({ ...r, score: Math.round(r.score * 1e4) / 1e4 })).sort((a, b) => b.score - a.score).slice(0, limit);
}

export const MIX = { full: 0.7, partial: 0.4, exact: 0.3, unlabelled: 0.9, weakLexical: 0.2 };

/**
 * A German title the hand-written list names by its ISCO unit group ("Busfahrer" → 8331), read by the glossary too
 * ("bus driver"): the group keeps its mass, and within it the English reading of the title decides with the share of
 * `GROUP_READING` (the rest stays with the order read from the group's ISCO name). A group the English reading does not
 * reach keeps its order.
 */
export function rankWithinGroup(asWritten: NormalizedTitle[], english: NormalizedTitle[], limit: number): NormalizedTitle[] {
  const inGroup = asWritten.filter((r) => r.evidence.via?.startsWith('german-title:'));
  const mass = inGroup.reduce((a, r) => a + r.score, 0);
  const eng = new Map(english.map((r) => [r.id, r.score]));
  const reach = inGroup.reduce((a, r) => a + (eng.get(r.id) ?? 0), 0);
  if (mass <= 0 || reach <= 0.05) return asWritten.slice(0, limit);
  const out = asWritten.map((r) => {
    if (!r.evidence.via?.startsWith('german-title:')) return r;
    const score = mass * ((1 - GROUP_READING) * (r.score / mass) + GROUP_READING * ((eng.get(r.id) ?? 0) / reach));
    return { ...r, score: Math.round(score * 1e4) / 1e4 };
  });
  return out.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** Share of a named German group's mass the glossary's English reading distributes (set a priori, not fitted). */
export const GROUP_READING = 0.7;

/**
 * The part of an English title that is exactly an ESCO English label, when the title is not one itself: leading
 * modifiers dropped one word at a time ("school bus driver" → bus driver, "relief cook" → cook, "apartment
 * building caretaker" → building caretaker, "agency chef de partie" → chef de partie). A core that is only a generic
 * head ("driver", "worker") is not taken. Undefined when no such part exists.
 */
export function labelCore(title: string, isEnglishLabel: (t: string) => boolean): string | undefined {
  // a title joining two roles ("Sales & Admin Assistant", "Graphic designer / Content writer", "Cashier cum Promoter")
  // names both: its last role is no modifier-free core of the first
  if (JOINED_ROLES.test(title)) return undefined;
  // an ESCO label names an occupation; a glossary entry counts only when its reading names a person ("care home" does not)
  const known = (t: string) => {
    if (isEnglishLabel(t)) return true;
    const en = GLOSSARY.en.get(keyFold(t, 'en'));
    return !!en && isPerson(en);
  };
  const core = cleanTitle(title.replace(/\([^)]*\)/g, ' ')).split(' ').filter(Boolean);
  if (core.length < 2) return undefined;
  for (let i = 1; i < core.length; i++) {
    // a dropped word that changes the rank or the trade ("assistant cook" is a kitchen assistant, not a cook)
    if (RANK_MODIFIERS.has(core[i - 1]!) || PREPOSITIONS.has(core[i - 1]!)) return undefined;
    const rest = core.slice(i);
    const text = rest.join(' ');
    // nor a stage of training alone ("Accounts Payable Apprentice": ESCO lists "apprentice" under cook)
    // nor a role word whose domain the dropped words named ("Azure architect" is no building architect)
    if (GENERIC_HEADS.has(text) || (rest.length === 1 && (ROLE_WORDS.has(text) || STATUS_WORDS.has(text) || CORE_ROLE_WORDS.has(text)))) continue;
    if (known(text)) return text;
  }
  return undefined;
}
/**
 * An English care title naming its client group after a preposition ("care assistant for elderly people", "support
 * worker for adults with learning disabilities") put in ESCO's word order, the group first ("elderly care assistant",
 * "disability support worker"): the complement otherwise pulls towards whatever else its words name (nurses, child
 * day care). Undefined when the title names no client group after for / with / supporting.
 */
export function clientGroupFirst(title: string): string | undefined {
  const m = /^(.+?)\s+(?:for|with|supporting|caring for)\s+(.+)$/i.exec(title.replace(/\([^)]*\)/g, ' ').trim());
  if (!m) return undefined;
  const role = m[1]!.trim();
  if (!isPerson(cleanTitle(role).split(' ').pop() ?? '')) return undefined;
  const group = CLIENT_GROUPS.find(([re]) => re.test(m[2]!))?.[1];
  return group ? `${group} ${role}` : undefined;
}
/**
 * An English title naming a function after "head of" / "director of" / "manager of" ("Head of Sales EMEA", "Director of
 * Nursing") put in ESCO's usual word order, the function first ("sales manager", "nursing director"); undefined when
 * the title is an ESCO label as written (ESCO holds some: "head of kitchen") or the function is longer than three words.
 */
export function roleOfFunction(title: string, isLabel: (t: string) => boolean): string | undefined {
  const m = /^(head|director|manager|chief)\s+of\s+(?:the\s+)?(.+)$/i.exec(cleanTitle(title));
  if (!m || isLabel(cleanTitle(title))) return undefined;
  const fn = m[2]!.trim().split(' ');
  if (!fn.length || fn.length > 3 || PREPOSITIONS.has(fn[0]!)) return undefined;
  return `${fn.join(' ')} ${m[1]!.toLowerCase() === 'director' ? 'director' : 'manager'}`;
}
const CLIENT_GROUPS: [RegExp, string][] = [
  [/\bmental health\b/i, 'mental health'],
  [/\b(learning disabilit(y|ies)|disabilit(y|ies)|disabled|autism|autistic|special needs|handicap)/i, 'disability'],
  [/\b(elderly|older (people|adults|persons)|seniors?|the aged|dementia|alzheimer)/i, 'elderly'],
  [/\b(children|child|young people|youth|kids|babies|infants)\b/i, 'child'],
];

/** Words that say nothing of the trade inside brackets ("(m/f/d)", "(full time)", "(2 posts)"). */
const BRACKET_NOISE = new Set(['band', 'grade', 'class', 'cat', 'category', 'tons', 'tonnes', 'tonne', 'ton', 'level', 'any', 'various', 'multiple', 'location', 'locations', 'area', 'areas', 'based', 'only', 'post', 'posts', 'shift', 'shifts', 'day', 'night', 'days', 'nights', 'weekend', 'weekends', 'hours', 'hour', 'month', 'months', 'week', 'weeks', 'salary', 'rm', 'usd', 'eur', 'gbp', 'per', 'immediate', 'local', 'foreign', 'male', 'female', 'speaker', 'speaking']);
/**
 * An English title whose words outside brackets name only a role or a stage of training ("Apprentice (Information
 * Technology)", "Internship (Graphic Design)", "Technician (Electronics)"), or one trade noun ("Carer (domiciliary /
 * live-in)", "Nurse (ICU)"), read with the bracket as its domain, put first as English writes it ("information
 * technology apprentice", "domiciliary live in carer"); undefined otherwise (the bracket of "Lorry driver (5 tons)" or
 * "Cook (m/f/d)" is dropped as before).
 */
export function bracketDomain(title: string): string | undefined {
  const inside = [...title.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!).join(' ');
  if (!inside.trim()) return undefined;
  const outside = foldText(title.replace(/\([^)]*\)/g, ' ')).split(' ').filter(Boolean);
  const role = outside.filter((w) => !isTitleNoise(w));
  const stageOrRole = (w: string) => STATUS_WORDS.has(w) || w === 'apprenticeship' || w === 'internship' || ROLE_WORDS.has(w) || GENERIC_HEADS.has(w);
  const oneTrade = role.length === 1 && isPerson(role[0]!);
  if (!outside.length || !(oneTrade || outside.every((w) => stageOrRole(w) || isTitleNoise(w)))) return undefined;
  // a hyphenated word keeps its short parts ("live-in", "in-house", "on-call")
  const tokens = inside.split(/[\s\/,;&+]+/).map((t) => foldText(t)).filter(Boolean);
  const words = tokens.filter((w) => (w.includes(' ') || w.length > 2) && /^[\p{L} ]+$/u.test(w) && !isTitleNoise(w) && !BRACKET_NOISE.has(w) && !PREPOSITIONS.has(w));
  if (!words.length || words.length > 4 || words.join(' ').split(' ').length > 4) return undefined;
  return `${words.join(' ')} ${(role.length ? role : outside).join(' ')}`;
}

/** Two roles joined in one title: "&", "+", "/", "and", "or", "cum" (Malaysian and Indian ads), "dan" (Malay). */
const JOINED_ROLES = /[&+\/]|\b(and|or|cum|dan)\b/i;

/**
 * True when a part of a title set off by a dash or a bar can stand for the whole title: not a bare role or generic
 * head ("Teacher - Early Childhood" is an early years teacher, not ESCO's "teacher" alternative label of a lecturer).
 */
export function partNamesOccupation(part: string): boolean {
  const t = cleanTitle(part);
  return !GENERIC_HEADS.has(t) && !ROLE_WORDS.has(t) && !STATUS_WORDS.has(t);
}
/** Words naming a stage of training or a contract, not a trade. */
const STATUS_WORDS = new Set(['apprentice', 'trainee', 'intern', 'graduate', 'junior', 'senior', 'temp', 'temporary']);
/** Leading words that make another occupation of the rest: never dropped. */
const RANK_MODIFIERS = new Set(['assistant', 'asst', 'head', 'chief', 'deputy', 'helper', 'aide', 'manager', 'director', 'supervisor', 'owner', 'instructor', 'teacher', 'trainer', 'inspector', 'student', 'teaching', 'sous', 'vice']);
/** A word after which the rest of the title is a complement, not the head ("cook for hotel restaurant"): never dropped. */
const PREPOSITIONS = new Set(['for', 'with', 'in', 'at', 'within', 'to', 'of', 'on']);
/** Role words that alone name a trade ("Architect - Dubai") but, after a modifier, take their domain from it (`labelCore`). */
const CORE_ROLE_WORDS = new Set(['architect', 'professional']);
/** Single words ESCO uses as a label somewhere that name a rank or role, not a trade ("manager", "assistant"). */
const ROLE_WORDS = new Set(['manager', 'assistant', 'supervisor', 'director', 'officer', 'head', 'lead', 'chief', 'coordinator', 'consultant', 'specialist', 'advisor', 'adviser', 'executive', 'administrator', 'agent', 'representative', 'associate', 'clerk', 'aide', 'porter', 'hand', 'engineer', 'analyst', 'inspector', 'instructor', 'teacher', 'trainer', 'controller', 'planner', 'designer', 'developer', 'scientist', 'researcher']);

/** Share of an English title's ranking given to the ESCO label it holds after a modifier (`labelCore`; a priori, as HEAD_SHARE). */
export const CORE_SHARE = 0.5;

/** Share of the English reading given to the head noun read alone (set a priori: half and half, not fitted). */
export const HEAD_SHARE = 0.5;

/** (1 − w)·a + w·b over the union of two rankings of the same reading (evidence of the first kept where both have it). */
export function averageReadings(a: NormalizedTitle[], b: NormalizedTitle[], w: number): NormalizedTitle[] {
  const by = new Map<string, NormalizedTitle>();
  for (const r of a) by.set(r.id, { ...r, score: (1 - w) * r.score });
  for (const r of b) {
    const cur = by.get(r.id);
    by.set(r.id, cur ? { ...cur, score: cur.score + w * r.score } : { ...r, score: w * r.score });
  }
  return [...by.values()].sort((x, y) => y.score - x.score);
}

/**
 * The likely English cognate of a French or Spanish word neither the lexicon nor the glossary knows, by its suffix
 * ("tannerie" → tannery, "sismologue" → sismologist, "standardiste" → standardist, "radiología" → radiology): the
 * English labels are then reached by their spelling. Undefined when no rule applies.
 */
export function cognate(w: string, lang: string): string | undefined {
  const rules = COGNATE[lang];
  if (!rules) return undefined;
  for (const [a, b] of rules) if (w.endsWith(a) && w.length - a.length >= 3) return w.slice(0, -a.length) + b;
  return undefined;
}

const COGNATE: Record<string, [string, string][]> = {
  fr: [['logue', 'logist'], ['iste', 'ist'], ['erie', 'ery'], ['eur', 'er'], ['euse', 'er'], ['rice', 'or'], ['ique', 'ic'], ['ie', 'y'], ['aire', 'ary'], ['eux', 'ous'], ['if', 'ive'], ['ite', 'ity'], ['te', 'ty'], ['age', 'age'], ['ier', 'ier'], ['ere', 'er']],
  es: [['logo', 'logist'], ['loga', 'logist'], ['ista', 'ist'], ['cion', 'tion'], ['dad', 'ty'], ['ia', 'y'], ['ico', 'ic'], ['ica', 'ic'], ['ario', 'ary'], ['aria', 'ary'], ['oso', 'ous'], ['ivo', 'ive'], ['dor', 'der'], ['dora', 'der'], ['ero', 'er'], ['era', 'er']],
};
