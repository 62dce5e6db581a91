/**
 * Hand-written workplace vocabulary, Arabic → English, for reading *skill* text (issue 11: Arabic skill text never
 * linked). ESCO has no Arabic skill labels here, and the lexicon learnt from the parallel *occupation* labels knows job
 * nouns but hardly any of the verbs and objects of a job ad (load, goods, administer, medication, wash, iron…).
 * General vocabulary of the shortage occupations (transport and logistics, care, kitchens and cleaning, construction
 * trades, agriculture, retail), written from a dictionary, not from any evaluation set. Not used for titles (the
 * cross-lingual title figures measure the learnt lexicon alone). Keys are written as people write them; they are
 * folded (foldText: marks, alef forms, taa marbuta, the article) when loaded.
 */
import type { Lexicon } from './lexicon.js';
import { foldText } from './text.js';

const AR_EN: Record<string, string> = {
  // transport, logistics, warehouse
  'قيادة': 'drive', 'سياقة': 'drive', 'سائق': 'driver', 'شاحنة': 'truck', 'شاحنات': 'trucks', 'حافلة': 'bus',
  'رخصة': 'licence', 'تحميل': 'load', 'تفريغ': 'unload', 'شحن': 'cargo', 'شحنة': 'cargo', 'بضائع': 'cargo',
  'بضاعة': 'goods', 'سلع': 'goods', 'مستودع': 'warehouse', 'مخزن': 'warehouse', 'مخزون': 'stock', 'جرد': 'inventory',
  'تغليف': 'packaging', 'تعبئة': 'packing', 'توصيل': 'deliver', 'تسليم': 'delivery', 'رافعة': 'forklift',
  'ثقيلة': 'heavy', 'ثقيل': 'heavy', 'نقل': 'transport', 'طرق': 'roads', 'خرائط': 'maps',
  // care and health
  'رعاية': 'care', 'مسنين': 'elderly', 'كبار': 'elderly', 'سن': 'age', 'أطفال': 'children', 'طفل': 'child',
  'مرضى': 'patients', 'مريض': 'patient', 'أدوية': 'medication', 'دواء': 'medication', 'إعطاء': 'administer',
  'تمريض': 'nursing', 'ممرض': 'nurse', 'ممرضة': 'nurse', 'نظافة': 'hygiene', 'شخصية': 'personal', 'استحمام': 'bathing',
  'إطعام': 'feeding', 'تغذية': 'nutrition', 'جروح': 'wound', 'جرح': 'wound', 'ضمادات': 'dressings', 'علامات': 'signs',
  'حيوية': 'vital', 'مراقبة': 'monitor', 'قياس': 'measure', 'ضغط': 'pressure', 'دم': 'blood', 'إسعافات': 'first aid',
  'أولية': 'first aid', 'حقن': 'injections', 'مستشفى': 'hospital', 'إعاقة': 'disability',
  // kitchen, food, cleaning, household
  'طبخ': 'cook', 'طهي': 'cooking', 'مطبخ': 'kitchen', 'طعام': 'food', 'أطعمة': 'food', 'وجبات': 'meals', 'وجبة': 'meal',
  'خضار': 'vegetables', 'خضروات': 'vegetables', 'لحوم': 'meat', 'لحم': 'meat', 'سمك': 'fish', 'خبز': 'bread',
  'معجنات': 'pastry', 'حلويات': 'desserts', 'تقطيع': 'cut', 'تحضير': 'prepare', 'إعداد': 'prepare', 'شواء': 'grill',
  'قلي': 'fry', 'غسل': 'wash', 'صحون': 'dishes', 'أطباق': 'dishes', 'أواني': 'utensils', 'تنظيف': 'clean',
  'كي': 'iron', 'كوي': 'iron', 'ملابس': 'clothes', 'غسيل': 'laundry', 'منسوجات': 'textiles', 'تعقيم': 'sanitise',
  'صحية': 'hygiene', 'سلامة': 'safety', 'غذائية': 'food', 'غذاء': 'food', 'ضيوف': 'guests', 'غرف': 'rooms', 'أسرة': 'beds',
  // construction and trades
  'لحام': 'welding', 'تلحيم': 'welding', 'معادن': 'metal', 'معدن': 'metal', 'حديد': 'steel', 'فولاذ': 'steel',
  'صيانة': 'maintain', 'إصلاح': 'repair', 'تصليح': 'repair', 'تركيب': 'install', 'كهرباء': 'electricity',
  'كهربائية': 'electrical', 'كهربائي': 'electrical', 'أسلاك': 'wiring', 'سباكة': 'plumbing', 'أنابيب': 'pipes',
  'بناء': 'construction', 'بنايات': 'buildings', 'مباني': 'buildings', 'دهان': 'paint', 'طلاء': 'paint', 'نجارة': 'carpentry',
  'خشب': 'wood', 'بلاط': 'tiles', 'جبس': 'plaster', 'خرسانة': 'concrete', 'إسمنت': 'cement', 'سقالات': 'scaffolding',
  'قراءة': 'read', 'مخططات': 'drawings', 'رسومات': 'drawings', 'فنية': 'technical', 'هندسية': 'engineering',
  'آلات': 'machines', 'آلة': 'machine', 'معدات': 'equipment', 'أدوات': 'tools', 'تشغيل': 'operate', 'سيارات': 'vehicles',
  'محركات': 'engines', 'ميكانيك': 'mechanics',
  // agriculture
  'زراعة': 'agriculture', 'حصاد': 'harvest', 'قطف': 'pick', 'محاصيل': 'crops', 'ري': 'irrigation', 'حيوانات': 'animals',
  'مواشي': 'livestock', 'أشجار': 'trees', 'فواكه': 'fruit', 'بستنة': 'gardening',
  // retail, office, service
  'بيع': 'sell', 'مبيعات': 'sales', 'زبائن': 'customers', 'عملاء': 'customers', 'خدمة': 'service', 'استقبال': 'reception',
  'صندوق': 'cash', 'نقود': 'cash', 'حاسوب': 'computer', 'كمبيوتر': 'computer', 'لغة': 'language', 'تواصل': 'communicate',
  'فريق': 'team', 'عمل': 'work', 'إدارة': 'manage', 'تنظيم': 'organise', 'جدول': 'schedule',
};

function fold(dict: Record<string, string>): Lexicon {
  const out: Lexicon = {};
  for (const [k, v] of Object.entries(dict)) {
    const f = foldText(k);
    if (f && !f.includes(' ')) out[f] = [[v, 1]];
  }
  return out;
}

/** Folded Arabic word → its English reading (hand-written workplace vocabulary). */
export const AR_GLOSSARY: Lexicon = fold(AR_EN);

/**
 * Arabic light stemming (in the manner of Larkey's light10): the conjunction/preposition prefixes و ف ب ك ل (and
 * "لل") and the common suffixes, leaving at least three letters; folded input (the article is already gone). Returns
 * the candidate forms, longest first.
 */
export function arabicVariants(w: string): string[] {
  const out: string[] = [];
  const add = (x: string) => {
    if (x.length >= 3 && x !== w && !out.includes(x)) out.push(x);
  };
  const prefixes = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ك', 'ل'];
  const suffixes = ['ات', 'ون', 'ين', 'ان', 'ها', 'هم', 'يه', 'ه', 'ي'];
  const stems = [w];
  for (const p of prefixes) if (w.startsWith(p)) stems.push(w.slice(p.length));
  for (const s of stems) {
    add(s);
    for (const x of suffixes) if (s.endsWith(x)) add(s.slice(0, -x.length));
  }
  return out;
}
