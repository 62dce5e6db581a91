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
import { cleanTitle, foldText } from './text.js';
import type { NormalizedTitle } from './types.js';

export type GlossaryLang = 'en' | 'fr' | 'es' | 'ar' | 'de';

const RAW: Record<GlossaryLang, Record<string, string>> = {
  // English: slang and abbreviations of UK/US/AU job boards, rewritten to the words ESCO uses
  en: {
    carer: 'care worker', carers: 'care worker', caregiver: 'care worker', 'care giver': 'care worker', hca: 'healthcare assistant',
    cna: 'nursing assistant', psw: 'personal support worker', pca: 'personal care assistant', kp: 'kitchen porter',
    flt: 'forklift', rgn: 'registered nurse', rn: 'registered nurse', rmn: 'mental health nurse', lpn: 'practical nurse',
    brickie: 'bricklayer', chippy: 'carpenter', chippie: 'carpenter', hgv: 'heavy goods vehicle', lgv: 'heavy goods vehicle',
    'multi drop': 'delivery', multidrop: 'delivery', 'cdl a': 'truck', 'cdl': 'truck', trucker: 'truck driver', dishie: 'dishwasher',
    'dish washer': 'dishwasher', 'care assistant': 'care worker', 'support worker': 'care support worker',
    'healthcare support worker': 'healthcare assistant', 'home carer': 'care at home worker', 'domiciliary carer': 'care at home worker',
  },
  fr: {
    chauffeur: 'driver', conducteur: 'driver', conductrice: 'driver', livreur: 'delivery driver', routier: 'truck driver',
    'poids lourd': 'heavy truck', 'poids lourds': 'heavy truck', pl: 'heavy truck', spl: 'heavy truck', camion: 'truck',
    cariste: 'forklift operator', 'chariot elevateur': 'forklift', manutentionnaire: 'warehouse worker', magasinier: 'warehouse worker',
    'preparateur de commandes': 'order picker', entrepot: 'warehouse', soudeur: 'welder', electricien: 'electrician',
    plombier: 'plumber', chauffagiste: 'heating technician', macon: 'bricklayer', manoeuvre: 'construction labourer',
    ouvrier: 'worker', btp: 'construction', batiment: 'building', chantier: 'construction', peintre: 'painter', carreleur: 'tile fitter',
    couvreur: 'roofer', charpentier: 'carpenter', menuisier: 'carpenter', plaquiste: 'drywall installer', grutier: 'crane operator',
    mecanicien: 'mechanic', mecano: 'mechanic', auto: 'vehicle', automobile: 'vehicle', cuisinier: 'cook', cuisine: 'kitchen',
    commis: 'assistant', plongeur: 'dishwasher', serveur: 'waiter', barman: 'bartender', 'femme de menage': 'domestic cleaner',
    'agent d entretien': 'cleaner', 'agent de proprete': 'cleaner', nettoyage: 'cleaning', entretien: 'maintenance',
    menage: 'cleaning', 'femme de chambre': 'room attendant', gouvernante: 'housekeeper', 'aide soignant': 'nursing assistant',
    'auxiliaire de vie': 'care worker', 'aide a domicile': 'home care aide', domicile: 'home', infirmier: 'registered nurse',
    'bloc operatoire': 'operating theatre', urgences: 'emergency', reanimation: 'intensive care', nuit: 'night', agricole: 'farm',
    saisonnier: 'seasonal', cueilleur: 'picker', vendangeur: 'grape picker', 'agent de securite': 'security guard', vigile: 'security guard',
    caissier: 'cashier', vendeur: 'sales assistant', coiffeur: 'hairdresser', boulanger: 'baker', patissier: 'pastry cook',
    boucher: 'butcher', jardinier: 'gardener', paysagiste: 'landscape gardener', eleveur: 'livestock', agent: 'worker', employe: 'worker',
    aide: 'assistant', auxiliaire: 'assistant', nounou: 'nanny', 'assistante maternelle': 'child care worker', enfants: 'children',
    'personnes agees': 'elderly', social: 'social', sociale: 'social',
  },
  es: {
    camionero: 'truck driver', trailero: 'truck driver', traileros: 'truck driver', chofer: 'driver',
    conductor: 'driver', repartidor: 'delivery driver', mensajero: 'courier', operador: 'operator', operario: 'operative',
    montacarguista: 'forklift operator', montacargas: 'forklift', grua: 'crane', gruista: 'crane operator', camion: 'truck',
    tractorista: 'tractor driver', soldador: 'welder', electricista: 'electrician', plomero: 'plumber', fontanero: 'plumber',
    gasfiter: 'plumber', gasfitero: 'plumber', albanil: 'bricklayer', peon: 'labourer', chalan: 'construction labourer',
    obrero: 'worker', jornalero: 'farm worker', trabajador: 'worker', ayudante: 'assistant', auxiliar: 'assistant',
    cocinero: 'cook', cocina: 'kitchen', mesero: 'waiter', camarero: 'waiter', mozo: 'waiter', lavaplatos: 'dishwasher',
    lavaloza: 'dishwasher', friegaplatos: 'dishwasher', cantinero: 'bartender', mucama: 'room attendant', recamarera: 'room attendant',
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
  },
  // Arabic: written as people write them; folded at load (marks, alef forms, taa marbuta, the article)
  ar: {
    'طباخ': 'cook', 'طاهي': 'cook', 'شيف': 'chef', 'مساعد': 'assistant', 'عامل': 'worker', 'عمال': 'worker', 'نظافة': 'cleaning',
    'تنظيف': 'cleaning', 'منظف': 'cleaner', 'منازل': 'domestic', 'منزل': 'home', 'منزلي': 'domestic', 'بيوت': 'domestic', 'سائق': 'driver',
    'رافعة شوكية': 'forklift', 'رافعه شوكيه': 'forklift', 'رافعة': 'crane', 'شاحنة': 'truck', 'شاحنات': 'truck', 'ثقيلة': 'heavy',
    'توصيل': 'delivery', 'بناء': 'construction', 'مباني': 'building', 'نجار': 'carpenter', 'سباك': 'plumber', 'حداد': 'metal worker',
    'لحام': 'welder', 'كهربائي': 'electrician', 'ميكانيكي': 'mechanic', 'سيارات': 'vehicle', 'دهان': 'painter', 'نقاش': 'painter',
    'زراعي': 'farm', 'زراعة': 'farm', 'مزرعة': 'farm', 'مزارع': 'farm', 'فلاح': 'farm worker', 'حقول': 'farm', 'قطف': 'picking',
    'حارس': 'guard', 'أمن': 'security', 'نادل': 'waiter', 'مربية': 'nanny', 'أطفال': 'children', 'طفل': 'child', 'ممرض': 'registered nurse',
    'تمريض': 'nursing', 'عناية مركزة': 'intensive care', 'طوارئ': 'emergency', 'رعاية': 'care', 'مقدم رعاية': 'care worker',
    'كبار السن': 'elderly', 'مسنين': 'elderly', 'حلاق': 'barber', 'خياط': 'tailor', 'مصفف شعر': 'hairdresser', 'كاشير': 'cashier',
    'أمين صندوق': 'cashier', 'بائع': 'sales assistant', 'مستودع': 'warehouse', 'مخزن': 'warehouse', 'حمال': 'porter', 'خباز': 'baker',
    'جزار': 'butcher', 'مطبخ': 'kitchen', 'مطعم': 'restaurant', 'فندق': 'hotel', 'غرف': 'room', 'بستاني': 'gardener', 'راعي': 'herder',
    'مواشي': 'livestock', 'ماشية': 'livestock', 'خادمة': 'domestic housekeeper', 'عاملة منزلية': 'domestic housekeeper',
  },
  // German: heads and qualifiers of compounds; compounds are split at the longest known head
  de: {
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
    spul: 'dishwasher', produktion: 'production', fabrik: 'factory', montage: 'assembly', zimmer: 'room', hotel: 'hotel',
    service: 'service', ernte: 'harvest', obst: 'fruit', stall: 'livestock', dach: 'roof', fliesen: 'tile', trockenbau: 'drywall',
    zusteller: 'delivery', kurier: 'courier', paket: 'parcel', backer: 'baker', metzger: 'butcher', friseur: 'hairdresser',
    kellner: 'waiter', tischler: 'carpenter', schreiner: 'carpenter', zimmerer: 'carpenter', klempner: 'plumber', lackierer: 'painter',
  },
};

/** Languages whose noun phrases put the head first: read in reverse for English order. */
const HEAD_FIRST = new Set<GlossaryLang>(['fr', 'es', 'ar']);
/** Words of a title that tell nothing about the occupation (shifts, places that qualify nothing). */
const NOISE = new Set(['nights', 'night', 'days', 'weekend', 'weekends', 'shift', 'shifts', 'nacht', 'nachts', 'polyvalent', 'polyvalente', 'experiencia', 'experience', 'con', 'sin', 'qualifie', 'qualifiee', 'cualificado', 'm w d', 'mwd']);
const MAX_UNIT = 3;

/** Keys folded like the title's words: function words dropped ("femme de ménage" → "femme menage"). */
const keyFold = (s: string, lang: string): string => foldText(s).replace(/ß/g, 'ss').split(' ').filter((w) => !isStopword(w, lang)).join(' ');

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

function lookup(w: string, lang: GlossaryLang): string | undefined {
  const g = GLOSSARY[lang];
  for (const v of variants(w, lang)) {
    const hit = g.get(v);
    if (hit) return hit;
  }
  return undefined;
}

/** A German compound read as its parts, the head the longest known ending (Gerüstbauer → scaffolding builder). */
function germanCompound(w: string, depth = 0): string | undefined {
  const whole = lookup(w, 'de');
  if (whole) return whole;
  if (depth > 2 || w.length < 6) return undefined;
  for (let i = 2; i <= w.length - 3; i++) {
    const head = lookup(w.slice(i), 'de');
    if (!head) continue;
    let mod = w.slice(0, i);
    const tries = [mod, ...(mod.endsWith('s') ? [mod.slice(0, -1)] : []), ...(mod.endsWith('n') ? [mod.slice(0, -1)] : [])];
    for (const m of tries) {
      const left = m.length >= 3 ? germanCompound(m, depth + 1) : undefined;
      if (left) return `${left} ${head}`;
    }
    // an unknown qualifier: the head alone still names the kind of work
    return depth === 0 ? head : undefined;
  }
  return undefined;
}

export interface GlossaryReading {
  /** the title in English words, for the English reader */
  text: string;
  /** share of the title's content words the glossary read */
  coverage: number;
  lang: GlossaryLang;
}

/** The title read into English through its language's glossary; undefined when the glossary does not read its head. */
// Job nouns are read as the usual English job title, not the dictionary word: "infirmière" is advertised in English as
// "registered nurse" ("nurse" alone reads as nurse assistant just as often).
export function readTitleInEnglish(title: string, readLang: ReadLang | 'und'): GlossaryReading | undefined {
  if (readLang === 'und') {
    // one word the detector cannot place ("mucama"): the glossary that reads all of it, if exactly one does
    const all = (Object.keys(RAW) as GlossaryLang[]).map((l) => readIn(title, l)).filter((r): r is GlossaryReading => !!r && r.coverage >= 1);
    return all.length === 1 ? all[0] : undefined;
  }
  return readLang in RAW ? readIn(title, readLang as GlossaryLang) : undefined;
}

function readIn(title: string, lang: GlossaryLang): GlossaryReading | undefined {
  const words = cleanTitle(title).replace(/ß/g, 'ss').split(' ').filter((w) => w && !isStopword(w, lang) && !NOISE.has(w));
  if (!words.length) return undefined;
  const units: (string | undefined)[] = [];
  let known = 0;
  let changed = false;
  for (let i = 0; i < words.length; ) {
    let took = 0;
    for (let n = Math.min(MAX_UNIT, words.length - i); n >= 2 && !took; n--) {
      // multi-word units: each word in any of its forms ("femmes de ménage", "رافعات شوكية")
      const forms = words.slice(i, i + n).map((w) => variants(w, lang));
      const hit = combos(forms).map((k) => GLOSSARY[lang].get(k)).find(Boolean);
      if (hit) { units.push(hit); known += n; took = n; changed = true; }
    }
    if (took) { i += took; continue; }
    const w = words[i]!;
    const en = lang === 'de' ? germanCompound(w) : lookup(w, lang);
    if (en) { known++; changed ||= en !== w; }
    units.push(en ?? (lang === 'en' ? w : undefined));
    if (lang === 'en' && !en) known++;
    i++;
  }
  const head = HEAD_FIRST.has(lang) ? units[0] : units[units.length - 1];
  if (!head || !changed) return undefined;
  const ordered = (HEAD_FIRST.has(lang) ? [...units].reverse() : units).filter((u): u is string => !!u);
  return { text: ordered.join(' '), coverage: known / words.length, lang };
}

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
    // an occupation the title as written reaches keeps that evidence (the label it matched, in its language)
    if (cur) by.set(r.id, { ...cur, score: cur.score + w * r.score });
    else by.set(r.id, { ...r, score: w * r.score, evidence: ev });
  }
  return [...by.values()].map((r) => ({ ...r, score: Math.round(r.score * 1e4) / 1e4 })).sort((a, b) => b.score - a.score).slice(0, limit);
}

export const MIX = { full: 0.7, partial: 0.4, exact: 0.3, unlabelled: 0.9, weakLexical: 0.2 };
