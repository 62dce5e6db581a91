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
  'إطعام': 'feeding', 'تغذية': 'nutrition', 'جروح': 'wound', 'جرح': 'wound', 'ضمادات': 'wound dressings', 'علامات': 'signs',
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
  // second round: common words of the same trades
  'شوكية': 'forklift', 'ترتيب': 'make', 'طوب': 'bricks', 'حجر': 'stone', 'جدران': 'walls', 'جدار': 'wall', 'قصارة': 'plaster',
  'لياسة': 'plaster', 'صب': 'pour', 'تقليم': 'prune', 'تسربات': 'leaks', 'تسرب': 'leaks', 'مواسير': 'pipes', 'سخانات': 'water heaters',
  'صحي': 'sanitary', 'تمديد': 'install', 'تمديدات': 'wiring', 'لوحات': 'panels', 'تضميد': 'wound dressings', 'تغيير': 'change',
  'تقشير': 'peel', 'كنس': 'sweep', 'مسح': 'mop', 'أرضيات': 'floors', 'حمامات': 'bathrooms',
  'فرز': 'sort', 'طلبيات': 'orders', 'طلبات': 'orders', 'جرار': 'tractor', 'جرارات': 'tractors', 'بذر': 'sow', 'غرس': 'planting',
  'إنارة': 'lighting', 'مقابس': 'electricity sockets', 'كابلات': 'cables', 'تبريد': 'refrigeration', 'تكييف': 'air conditioning',
  'نادل': 'waiter', 'تقديم': 'serve', 'مشروبات': 'beverages', 'دفع': 'payments', 'حسابات': 'accounts', 'خياطة': 'sewing',
  'حلاقة': 'haircutting', 'شعر': 'hair', 'مرافقة': 'accompany',
  // third round: general words of the same trades
  'مساعدة': 'assist', 'وضع': 'lay', 'رص': 'lay', 'قوس': 'arc', 'مياه': 'water', 'ماء': 'water', 'عناية': 'care', 'مركزة': 'intensive', 'طبية': 'medical',
  'عامة': 'general', 'عام': 'general', 'تركيبات': 'installations', 'فحص': 'inspect', 'تجهيز': 'prepare',
  // fourth round: service, dressing, finishing trades
  'أخذ': 'take', 'تلقي': 'take', 'لباس': 'dressing', 'ارتداء': 'dressing', 'تلبيس': 'dressing', 'تلييس': 'plaster', 'تبليط': 'lay tiles',
  'سيراميك': 'tiles', 'غلاية': 'boiler', 'غلايات': 'boilers', 'تدفئة': 'heating', 'كاشير': 'cash register', 'مطعم': 'restaurant',
  'رفوف': 'shelves', 'رف': 'shelf',
  // fifth round (t7-skills): the everyday vocabulary of ten more trade areas, from a dictionary by area (animals and
  // stables, security, childcare, office and reception, painting and drywall, bakery and butchery, plumbing fixtures,
  // greenhouse and picking, cleaning of offices and stairs), colloquial forms included (سواقة)
  'سواقه': 'drive', 'سواق': 'driver', 'حلب': 'milk', 'حلابة': 'milking', 'أبقار': 'animals', 'بقر': 'animals', 'بقرة': 'animal',
  'أغنام': 'sheep', 'ماعز': 'goats', 'دواجن': 'poultry', 'دجاج': 'poultry', 'إسطبل': 'animal accommodation', 'اسطبل': 'animal accommodation',
  'حظيرة': 'animal accommodation', 'زريبة': 'animal accommodation', 'علف': 'feed', 'تعليف': 'feed livestock', 'روث': 'manure',
  'حراسة': 'secure', 'حارس': 'security guard', 'أمن': 'security', 'كاميرات': 'surveillance equipment', 'كاميرا': 'surveillance equipment',
  'دوريات': 'patrol', 'دورية': 'patrol', 'جولات': 'patrol', 'مبنى': 'building', 'منشأة': 'premises', 'منشآت': 'premises',
  'دخول': 'access', 'بوابة': 'gate', 'تفتيش': 'inspect', 'مراقبه': 'monitor',
  'لعب': 'play', 'ألعاب': 'games', 'واجبات': 'homework', 'مدرسة': 'school', 'حضانة': 'day care', 'رضع': 'infants', 'رضيع': 'infant',
  'مكاتب': 'offices', 'مكتب': 'office', 'زجاج': 'glass', 'سلالم': 'stairs', 'درج': 'stairs', 'قمامة': 'waste', 'نفايات': 'waste',
  'هاتف': 'telephone', 'تلفون': 'telephone', 'مكالمات': 'calls', 'مواعيد': 'appointments', 'موعد': 'appointment', 'حجوزات': 'reservations',
  'حجز': 'reservations', 'نزلاء': 'guests',
  'جبسية': 'drywall', 'جبسيه': 'drywall', 'بورد': 'drywall', 'معجون': 'filler', 'ورق': 'paper', 'حائط': 'wall', 'واجهات': 'facade',
  'عجن': 'knead', 'عجين': 'dough', 'عجينة': 'dough', 'فرن': 'oven', 'خباز': 'baker', 'ذبح': 'slaughter', 'سلخ': 'skin', 'جزارة': 'butchery',
  'سكاكين': 'knives', 'سكين': 'knife', 'فرم': 'grind',
  'حنفيات': 'taps', 'حنفية': 'taps', 'صنابير': 'taps', 'مجاري': 'drains', 'تسليك': 'unblock', 'مغاسل': 'sinks', 'مراحيض': 'toilets',
  'بلاستيكية': 'plastic', 'بيوت': 'houses', 'خيم': 'tents', 'فراولة': 'strawberries', 'خضراوات': 'vegetables', 'فاكهة': 'fruit',
  'فواكة': 'fruit', 'جني': 'harvest', 'تقطيف': 'harvest', 'شتلات': 'seedlings', 'سماد': 'fertiliser', 'مبيدات': 'pesticides',
  'سلطات': 'salads', 'سلطة': 'salad', 'شوي': 'grill', 'قص': 'cut', 'ثني': 'bend', 'تجليخ': 'grinding', 'صاروخ': 'grinding',
  'حمام': 'bathing', 'تناول': 'eating', 'أكل': 'eating', 'تحميم': 'bathing', 'تنقل': 'mobility', 'حفاضات': 'incontinence',
  // t8-trades
  'عزل': 'insulation', 'أسطح': 'roofs', 'أظافر': 'nails',
  // sk17: words of vacancy skill lists
  'حمولة': 'load', 'طرود': 'parcels', 'ثمار': 'fruit', 'برامج': 'software', 'برمجيات': 'software', 'جودة': 'quality',
  'ضمادة': 'wound dressings',
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

/**
 * German → English workplace vocabulary for reading German *skill* text (ESCO has no German labels in the shared data;
 * German was read only through the other languages' labels and linked almost nothing). Same scope and origin as the
 * Arabic glossary. Keys folded when loaded (ß stays ß; written both ways where people do).
 */
const DE_EN: Record<string, string> = {
  // welding, metal, construction, trades
  'schweißen': 'welding', 'schweissen': 'welding', 'schweißer': 'welder', 'schweißarbeiten': 'welding', 'löten': 'solder',
  'metall': 'metal', 'stahl': 'steel', 'blech': 'sheet metal', 'rohre': 'pipes', 'rohr': 'pipe', 'montage': 'assembly',
  'montieren': 'assemble', 'installieren': 'install', 'installation': 'installation', 'wartung': 'maintenance',
  'warten': 'maintain', 'reparatur': 'repair', 'reparieren': 'repair', 'instandhaltung': 'maintenance', 'bau': 'construction',
  'baustelle': 'construction site', 'mauern': 'bricklaying', 'fliesen': 'tiles', 'malen': 'paint', 'streichen': 'paint',
  'elektrik': 'electrical', 'elektrische': 'electrical', 'elektrischer': 'electrical', 'anlagen': 'systems', 'leitungen': 'wiring',
  'kabel': 'cables', 'sanitär': 'plumbing', 'heizung': 'heating', 'holz': 'wood', 'tischler': 'carpenter', 'zimmern': 'carpentry',
  'lesen': 'read', 'technischer': 'technical', 'technische': 'technical', 'technisch': 'technical', 'zeichnungen': 'drawings',
  'zeichnung': 'drawing', 'pläne': 'drawings', 'baupläne': 'blueprints', 'messen': 'measure', 'prüfen': 'inspect',
  'maschinen': 'machines', 'maschine': 'machine', 'bedienen': 'operate', 'werkzeuge': 'tools', 'werkzeug': 'tools',
  'qualitätskontrolle': 'quality control', 'qualität': 'quality', 'sicherheit': 'safety', 'arbeitsschutz': 'occupational safety',
  // care and health
  'pflege': 'care', 'pflegen': 'care', 'altenpflege': 'elderly care', 'krankenpflege': 'nursing', 'betreuung': 'care',
  'patienten': 'patients', 'patient': 'patient', 'bewohner': 'residents', 'senioren': 'elderly', 'kinder': 'children',
  'medikamente': 'medication', 'medikament': 'medication', 'arzneimittel': 'medication', 'verabreichen': 'administer',
  'vergabe': 'administration', 'gabe': 'administration', 'vitalzeichen': 'vital signs', 'überwachen': 'monitor',
  'überwachung': 'monitoring', 'kontrollieren': 'check', 'wunden': 'wound', 'wunde': 'wound', 'wundversorgung': 'wound care',
  'versorgung': 'care', 'verbände': 'wound dressings', 'körperpflege': 'hygiene care', 'hygiene': 'hygiene', 'grundpflege': 'basic care',
  'dokumentation': 'documentation', 'dokumentieren': 'document', 'blutdruck': 'blood pressure', 'injektionen': 'injections',
  'erste': 'first', 'hilfe': 'aid', 'mobilisation': 'mobility', 'ernährung': 'nutrition', 'essen': 'meals', 'anreichen': 'feeding',
  // kitchen, food, cleaning
  'kochen': 'cook', 'küche': 'kitchen', 'speisen': 'dishes', 'gerichte': 'dishes', 'zubereiten': 'prepare', 'zubereitung': 'preparation',
  'vorbereiten': 'prepare', 'gemüse': 'vegetables', 'fleisch': 'meat', 'fisch': 'fish', 'backen': 'bake', 'braten': 'fry',
  'grillen': 'grill', 'schneiden': 'cut', 'lebensmittel': 'food', 'lebensmittelhygiene': 'food hygiene', 'spülen': 'wash dishes',
  'geschirr': 'dishes', 'reinigen': 'clean', 'reinigung': 'cleaning', 'putzen': 'clean', 'bügeln': 'iron', 'wäsche': 'laundry',
  'waschen': 'wash', 'zimmer': 'rooms', 'gäste': 'guests', 'service': 'service', 'servieren': 'serve',
  // transport, logistics
  'fahren': 'drive', 'führen': 'drive', 'lkw': 'truck', 'lastwagen': 'truck', 'transporter': 'van', 'bus': 'bus',
  'führerschein': 'driving licence', 'laden': 'load', 'beladen': 'load', 'entladen': 'unload', 'ladung': 'cargo',
  'sichern': 'secure', 'ladungssicherung': 'secure goods', 'waren': 'goods', 'güter': 'goods', 'lager': 'warehouse',
  'lagerung': 'storage', 'kommissionieren': 'order picking', 'kommissionierung': 'order picking', 'verpacken': 'pack',
  'stapler': 'forklift', 'gabelstapler': 'forklift', 'liefern': 'deliver', 'lieferung': 'delivery', 'touren': 'routes',
  // agriculture, retail, office
  'ernte': 'harvest', 'ernten': 'harvest', 'pflanzen': 'plants', 'tiere': 'animals', 'melken': 'milking', 'garten': 'garden',
  'verkauf': 'sales', 'verkaufen': 'sell', 'kunden': 'customers', 'beratung': 'advice', 'beraten': 'advise', 'kasse': 'cash',
  'computer': 'computer', 'sprache': 'language', 'team': 'team', 'planung': 'planning', 'organisation': 'organisation',
  // second round: common words of the same trades
  'verputzen': 'plaster', 'putz': 'plaster', 'ziegel': 'bricks', 'ziegeln': 'bricks', 'mauerwerk': 'masonry', 'wände': 'walls',
  'beton': 'concrete', 'betonieren': 'pour concrete', 'verlegen': 'install', 'wechseln': 'change', 'steckdosen': 'electricity sockets',
  'leuchten': 'lighting', 'beleuchtung': 'lighting', 'elektroinstallation': 'electrical installation', 'schaltschränke': 'control panels',
  'fehlersuche': 'troubleshoot', 'sanitäranlagen': 'plumbing systems', 'heizungsanlagen': 'heating systems', 'obst': 'fruit',
  'pflücken': 'harvest', 'bäume': 'trees', 'baum': 'tree', 'rückschnitt': 'prune', 'betten': 'beds', 'machen': 'make', 'traktor': 'tractor',
  'fahrerkarte': 'tachograph', 'tachograph': 'tachograph', 'demenz': 'dementia', 'möbelbau': 'furniture making', 'möbel': 'furniture',
  'kassieren': 'operate cash register', 'gästebetreuung': 'guests', 'bestellungen': 'orders', 'aufnehmen': 'take', 'tische': 'tables',
  'eindecken': 'set tables', 'linienbus': 'bus', 'fahrgäste': 'passengers', 'pakete': 'parcels', 'zustellung': 'delivery',
  'gewächshaus': 'greenhouse', 'bewässerung': 'irrigation', 'melkroboter': 'milking', 'schälen': 'peel', 'spülküche': 'wash dishes',
  'verbandswechsel': 'wound dressings', 'spritzen': 'injections', 'infusionen': 'intravenous infusion', 'infusion': 'intravenous infusion',
  'lagerist': 'warehouse', 'inventur': 'inventory', 'bohren': 'drill', 'schleifen': 'grinding', 'flexen': 'grinding',
  // third round: general words of the same trades
  'arbeiten': 'work', 'arbeit': 'work', 'erstellen': 'build', 'kontrolle': 'check', 'messung': 'measure', 'wig': 'tungsten inert gas welding',
  'verdrahten': 'wire', 'verdrahtung': 'wiring', 'schaltschrank': 'control panel', 'rohrleitungen': 'pipes', 'wasser': 'water',
  // fourth round: service, dressing, finishing trades
  'legen': 'lay', 'fugen': 'joints', 'verfugen': 'fill tile joints', 'füllen': 'fill', 'einbauen': 'install', 'heizkessel': 'heating boiler',
  'kessel': 'boiler', 'ankleiden': 'dressing', 'anziehen': 'dressing', 'helfen': 'assist', 'gerüst': 'scaffolding', 'gerüste': 'scaffolding',
  'gerüstbau': 'build scaffolding', 'schalung': 'concrete forms', 'estrich': 'screed', 'tapezieren': 'hang wallpaper',
  'wareneingang': 'receive goods', 'regale': 'shelves', 'regal': 'shelf', 'auffüllen': 'stock', 'einräumen': 'stock shelves',
  // fifth round (t7-skills): the everyday vocabulary of ten more trade areas, from a dictionary by area (animals and
  // stables, security, childcare, office and reception, painting and drywall, bakery and butchery, plumbing fixtures,
  // greenhouse and picking, cleaning of offices and stairs)
  'kühe': 'animals', 'kuh': 'animal', 'rinder': 'cattle', 'vieh': 'livestock', 'schweine': 'pigs', 'hühner': 'poultry',
  'stall': 'animal accommodation', 'ställe': 'animal accommodation', 'ausmisten': 'maintain', 'füttern': 'feed', 'fütterung': 'feeding',
  'melkstand': 'milking', 'tierpflege': 'animal care',
  'objektschutz': 'secure premises', 'objekt': 'premises', 'schutz': 'security', 'bewachung': 'secure premises', 'bewachen': 'secure',
  'zugangskontrolle': 'access control', 'zugang': 'access', 'einlasskontrolle': 'access control', 'rundgänge': 'patrol areas',
  'rundgang': 'patrol areas', 'streife': 'patrol', 'kontrollgänge': 'patrol areas', 'videoüberwachung': 'monitor surveillance equipment',
  'kameras': 'surveillance equipment', 'sicherheitsdienst': 'security',
  'betreuen': 'take care', 'spielen': 'play', 'kita': 'day care', 'hausaufgaben': 'homework', 'wickeln': 'change diapers', 'windeln': 'diapers',
  'büro': 'office', 'büros': 'offices', 'treppenhaus': 'stairs', 'treppen': 'stairs', 'fenster': 'windows', 'böden': 'floors', 'boden': 'floor',
  'müll': 'waste', 'abfall': 'waste', 'sanitärräume': 'toilet facilities', 'toiletten': 'toilet facilities', 'unterhaltsreinigung': 'clean building',
  'telefon': 'telephone', 'anrufe': 'calls', 'termine': 'appointments', 'termin': 'appointment', 'terminvergabe': 'schedule appointments',
  'empfang': 'reception', 'rezeption': 'reception', 'buchungen': 'reservations', 'reservierungen': 'reservations', 'einchecken': 'check in guests',
  'wand': 'wall', 'anstrich': 'paint', 'lackieren': 'paint', 'spachteln': 'filler', 'trockenbau': 'drywall',
  'gipskarton': 'drywall', 'rigips': 'drywall', 'fassade': 'facade', 'fassaden': 'facade', 'tapeten': 'wallpaper',
  'brot': 'bread', 'brötchen': 'bread', 'teig': 'dough', 'kneten': 'knead', 'backwaren': 'bakery products', 'ofen': 'oven',
  'zerlegen': 'cut', 'ausbeinen': 'cut meat', 'wurst': 'sausages', 'metzgerei': 'butchery', 'messer': 'knives', 'anrichten': 'present dishes',
  'wasserleitungen': 'water pipes', 'armaturen': 'taps', 'wasserhähne': 'taps', 'wasserhahn': 'taps', 'abfluss': 'drain', 'abflüsse': 'drains',
  'waschbecken': 'sinks', 'installateur': 'plumber',
  'erdbeeren': 'fruit', 'äpfel': 'fruit', 'trauben': 'grapes', 'spargel': 'vegetables', 'pflückern': 'harvest', 'ernthelfer': 'harvest',
  'sortieren': 'sort', 'verpackung': 'packing', 'einpacken': 'pack', 'packen': 'pack',
  'unterstützung': 'assist', 'untersützung': 'assist', 'baden': 'bathing', 'duschen': 'bathing', 'lagern': 'store',
  'ware': 'goods', 'ausliefern': 'deliver', 'auslieferung': 'delivery', 'sauber': 'clean', 'halten': 'keep',
  // t8-trades
  'dach': 'roof', 'dacheindeckung': 'roofing', 'streifengänge': 'patrol areas', 'streifengang': 'patrol areas', 'staubsaugen': 'vacuum',
  'schweinehälften': 'pig carcasses', 'hälften': 'carcasses', 'kleinkinder': 'children', 'kleinkindern': 'children',
  // sk17 (skill phrases of vacancy lists): verbs whose -ung nouns people write (germanVariants reads Verlegung as
  // verlegen), and nouns of the same trades
  'fliesenlegen': 'lay tiles', 'verlegung': 'laying', 'mauer': 'brick wall', 'getränke': 'beverages',
  'fehlerbehebung': 'troubleshoot', 'störungsbehebung': 'troubleshoot', 'beheben': 'troubleshoot', 'verräumen': 'stock shelves',
  'gebäudereinigung': 'clean building', 'glasreinigung': 'clean glass',
};

/** Folded German word → its English reading (hand-written workplace vocabulary). */
export const DE_GLOSSARY: Lexicon = fold(DE_EN);

/** German inflections stripped (Zeichnungen → zeichnung), at least four letters left. */
export function germanVariants(w: string): string[] {
  const out: string[] = [];
  for (const s of ['ungen', 'ern', 'en', 'er', 'es', 'e', 'n', 's']) if (w.endsWith(s) && w.length - s.length >= 4) out.push(w.slice(0, -s.length));
  // a noun of action in -ung is read as its verb when the noun is not known (Verpackung → verpacken, Fütterung → füttern)
  const ung = w.endsWith('ungen') ? w.slice(0, -5) : w.endsWith('ung') ? w.slice(0, -3) : undefined;
  if (ung && ung.length >= 4) out.push(`${ung}en`, `${ung}n`);
  return out;
}

/**
 * German compounds split where both parts are in the glossary (Wundversorgung → wund versorgung, with the linking s:
 * Arbeitsschutz → arbeit schutz), longest right part first; words known whole are kept.
 */
export function splitGermanCompounds(folded: string): string {
  const known = (x: string) => !!DE_GLOSSARY[x] || germanVariants(x).some((v) => !!DE_GLOSSARY[v]);
  return folded
    .split(' ')
    .map((w) => {
      if (known(w) || w.length < 8) return w;
      // "-arbeiten" only says "work of" (Anstricharbeiten, Mauerarbeiten): the left part is the skill
      for (const tail of ['arbeiten', 'arbeit']) {
        const left = w.endsWith(tail) ? w.slice(0, -tail.length).replace(/s$/, '') : '';
        if (left.length >= 4 && known(left)) return left;
      }
      for (let i = 3; i <= w.length - 4; i++) {
        const right = w.slice(i);
        if (!known(right)) continue;
        for (const left of [w.slice(0, i), w.endsWith('s', i) ? w.slice(0, i - 1) : '']) if (left.length >= 3 && known(left)) return `${left} ${right}`;
      }
      return w;
    })
    .join(' ');
}

const FR_EN: Record<string, string> = {
  // care and health
  'soins': 'care', 'soin': 'care', 'toilette': 'hygiene care', 'hygiène': 'hygiene', 'pansement': 'wound dressings',
  'pansements': 'wound dressings', 'plaie': 'wound', 'plaies': 'wound', 'perfusion': 'intravenous infusion', 'perfusions': 'intravenous infusion',
  'injection': 'injections', 'injections': 'injections', 'piqûres': 'injections', 'médicaments': 'medication', 'médicament': 'medication',
  'traitements': 'medication', 'administration': 'administer', 'administrer': 'administer', 'distribution': 'distribute',
  'surveillance': 'monitor', 'surveiller': 'monitor', 'constantes': 'vital signs', 'paramètres': 'parameters', 'vitaux': 'vital',
  'tension': 'blood pressure', 'prise': 'take', 'glycémie': 'blood glucose', 'patients': 'patients', 'patient': 'patient',
  'résidents': 'residents', 'personnes': 'people', 'âgées': 'elderly', 'âgés': 'elderly', 'aînés': 'elderly', 'enfants': 'children',
  'repas': 'meals', 'aide': 'assist', 'accompagnement': 'support', 'mobilisation': 'mobility', 'transferts': 'transfer',
  'infirmiers': 'nursing', 'infirmier': 'nursing', 'infirmière': 'nursing', 'urgences': 'emergency', 'réanimation': 'intensive care',
  'premiers': 'first', 'secours': 'aid', 'stérilisation': 'sterilise', 'asepsie': 'asepsis', 'démence': 'dementia',
  // kitchen, cleaning, household, hotel
  'cuisine': 'cooking', 'cuisson': 'cooking', 'cuire': 'cook', 'préparation': 'prepare', 'préparer': 'prepare', 'légumes': 'vegetables',
  'épluchage': 'peel', 'éplucher': 'peel', 'découpe': 'cut', 'couper': 'cut', 'viandes': 'meat', 'viande': 'meat', 'poissons': 'fish',
  'pâtisserie': 'pastry', 'pâtisseries': 'pastry', 'boulangerie': 'bakery', 'plonge': 'wash dishes', 'vaisselle': 'dishes',
  'ménage': 'cleaning', 'nettoyage': 'cleaning', 'nettoyer': 'clean', 'entretien': 'maintenance', 'repassage': 'iron textiles',
  'repasser': 'iron', 'linge': 'laundry', 'lavage': 'wash', 'laver': 'wash', 'lessive': 'laundry', 'chambres': 'rooms',
  'chambre': 'room', 'lits': 'beds', 'sanitaires': 'sanitary', 'salle': 'dining room', 'service': 'service', 'commandes': 'orders',
  'commande': 'order', 'encaissement': 'cash register', 'caisse': 'cash register', 'accueil': 'greet', 'clients': 'customers',
  'clientèle': 'customers', 'serveur': 'waiter', 'plats': 'dishes',
  // transport, warehouse
  'conduite': 'driving', 'conduire': 'drive', 'chauffeur': 'driver', 'camion': 'truck', 'camions': 'trucks', 'poids': 'heavy',
  'lourd': 'heavy', 'lourds': 'heavy', 'chargement': 'load cargo', 'déchargement': 'unload cargo', 'charger': 'load',
  'décharger': 'unload', 'marchandise': 'goods', 'marchandises': 'goods', 'arrimage': 'secure goods', 'chariot': 'forklift',
  'élévateur': 'forklift', 'cariste': 'forklift', 'entrepôt': 'warehouse', 'stock': 'stock', 'stocks': 'stock', 'inventaire': 'inventory',
  'livraison': 'delivery', 'livraisons': 'delivery', 'colis': 'parcels', 'emballage': 'packaging', 'tournées': 'routes',
  // trades
  'soudage': 'welding', 'soudure': 'welding', 'souder': 'weld', 'électrode': 'arc welding', 'arc': 'arc', 'meulage': 'grinding',
  'découpage': 'cutting', 'métaux': 'metal', 'métal': 'metal', 'acier': 'steel', 'tuyauterie': 'piping', 'tuyaux': 'pipes',
  'plomberie': 'plumbing', 'sanitaire': 'sanitary', 'chauffage': 'heating', 'chaudières': 'boilers', 'fuites': 'leaks',
  'électricité': 'electricity', 'électrique': 'electrical', 'électriques': 'electrical', 'câblage': 'wiring', 'câbles': 'cables',
  'câble': 'cable', 'tirage': 'pull', 'prises': 'electricity sockets', 'éclairage': 'lighting', 'tableau': 'panel', 'tableaux': 'panels',
  'dépannage': 'troubleshoot', 'maçonnerie': 'masonry', 'briques': 'bricks', 'parpaings': 'concrete blocks', 'murs': 'walls',
  'mur': 'wall', 'béton': 'concrete', 'coulage': 'pour', 'coffrage': 'concrete forms', 'enduit': 'plaster', 'enduits': 'plaster',
  'plâtre': 'plaster', 'carrelage': 'tiles', 'peinture': 'paint', 'échafaudage': 'scaffolding', 'menuiserie': 'carpentry',
  'charpente': 'carpentry', 'bois': 'wood', 'lecture': 'read', 'plans': 'drawings', 'schémas': 'diagrams', 'outils': 'tools',
  'montage': 'assembly', 'installation': 'install', 'installer': 'install', 'pose': 'install', 'réparation': 'repair', 'réparer': 'repair',
  // farm
  'récolte': 'harvest', 'cueillette': 'harvest', 'cueillir': 'pick', 'fruits': 'fruit', 'taille': 'prune', 'arbres': 'trees',
  'vignes': 'vines', 'vendanges': 'harvest grapes', 'tracteur': 'tractor', 'irrigation': 'irrigation', 'arrosage': 'watering',
  'serres': 'greenhouse', 'plantation': 'planting', 'élevage': 'livestock', 'traite': 'milking',
  // third round: general words of the same trades
  'enrobée': 'arc welding', 'monitorage': 'monitor',
  // fourth round: service, dressing, finishing trades
  'habillage': 'dressing', 'habiller': 'dressing', 'échafaudages': 'scaffolding', 'coffrages': 'concrete forms', 'faïence': 'tiles',
  'chaudière': 'boiler', 'ferraillage': 'reinforce concrete', 'chape': 'screed', 'tapisserie': 'wallpaper', 'étagères': 'shelves',
  'rayons': 'shelves', 'réassort': 'stock shelves',
  // fifth round (t7-skills): the everyday vocabulary of ten more trade areas (animals, security, childcare, office and
  // reception, painting and drywall, bakery and butchery, plumbing fixtures, picking), as written without accents too
  'vaches': 'animals', 'bétail': 'livestock', 'bêtes': 'animals', 'animaux': 'animals', 'étable': 'animal accommodation',
  'écurie': 'animal accommodation', 'bergerie': 'animal accommodation', 'paillage': 'animal accommodation', 'alimentation': 'feed',
  'gardiennage': 'secure premises', 'sécurité': 'security', 'rondes': 'patrol areas', 'ronde': 'patrol areas', 'vidéosurveillance': 'monitor surveillance equipment',
  'caméras': 'surveillance equipment', 'contrôle': 'check', 'accès': 'access', 'filtrage': 'access control', 'site': 'premises',
  'garde': 'take care', 'devoirs': 'homework', 'goûters': 'meals', 'goûter': 'meals', 'crèche': 'day care', 'jeux': 'games', 'jouer': 'play',
  'bureaux': 'offices', 'bureau': 'office', 'vitres': 'glass', 'sols': 'floors', 'escaliers': 'stairs', 'poubelles': 'waste', 'déchets': 'waste',
  'parties': 'public', 'communes': 'areas',
  'téléphone': 'telephone', 'appels': 'calls', 'standard': 'telephone', 'rendez': 'appointments', 'réservations': 'reservations',
  'réception': 'reception', 'arrivées': 'check in', 'départs': 'check out',
  'placo': 'drywall', 'plaques': 'drywall', 'placoplâtre': 'drywall', 'cloisons': 'drywall', 'peindre': 'paint',
  'façades': 'facade', 'façade': 'facade', 'papier': 'wallpaper', 'ponçage': 'sanding',
  'pain': 'bread', 'pâte': 'dough', 'pétrissage': 'knead', 'pétrir': 'knead', 'façonnage': 'mould dough', 'four': 'oven', 'viennoiseries': 'pastry',
  'désossage': 'cut meat', 'boucherie': 'butchery', 'couteaux': 'knives', 'charcuterie': 'sausages', 'parage': 'cut meat',
  'robinetterie': 'taps', 'robinets': 'taps', 'robinet': 'taps', 'évacuations': 'drains', 'débouchage': 'unblock', 'lavabos': 'sinks', 'wc': 'toilets',
  'fraises': 'fruit', 'pommes': 'fruit', 'raisin': 'grapes', 'vigne': 'vines', 'rangs': 'rows', 'ramassage': 'harvest', 'conditionnement': 'packing',
  'mise': 'put', 'conformité': 'compliance', 'normes': 'standards', 'meuleuse': 'grinding', 'toiture': 'roof', 'tuiles': 'roof tiles',
  'zinguerie': 'gutters', 'couverture': 'roofing', 'gouttières': 'gutters', 'grill': 'grill', 'grillades': 'grill',
  // t8-trades: finishing and envelope trades, retail, cleaning, farm, line work, maintenance, childcare, beauty
  'plafond': 'ceiling', 'plafonds': 'ceiling', 'rayon': 'shelves', 'étiquetage': 'labelling', 'aspirateur': 'vacuum',
  'autolaveuse': 'floor cleaning equipment', 'ongles': 'nails', 'épilation': 'wax body parts', 'parquet': 'wood floor', 'ardoises': 'roof slates',
  'démontage': 'dismantle', 'bandes': 'tape drywall', 'isolation': 'insulation', 'vitrage': 'glazing', 'fenêtres': 'windows', 'moquette': 'carpet',
  'sol': 'floor', 'ligne': 'line', 'machines': 'machines', 'pannes': 'troubleshoot', 'éveil': 'play',
};
const ES_EN: Record<string, string> = {
  // care and health
  'cuidado': 'care', 'cuidados': 'care', 'higiene': 'hygiene', 'aseo': 'hygiene care', 'curas': 'wound care', 'cura': 'wound care',
  'heridas': 'wound', 'herida': 'wound', 'vendajes': 'wound dressings', 'apósitos': 'wound dressings', 'medicación': 'medication',
  'medicacion': 'medication', 'medicamentos': 'medication', 'administración': 'administer', 'administrar': 'administer',
  'dar': 'administer', 'inyecciones': 'injections', 'vías': 'intravenous', 'canalización': 'intravenous', 'constantes': 'vital signs',
  'signos': 'signs', 'vitales': 'vital', 'tensión': 'blood pressure', 'presión': 'pressure', 'control': 'monitor', 'toma': 'take',
  'pacientes': 'patients', 'paciente': 'patient', 'ancianos': 'elderly', 'mayores': 'elderly', 'personas': 'people',
  'niños': 'children', 'ayuda': 'assist', 'ayudar': 'assist', 'acompañamiento': 'support', 'movilización': 'mobility', 'enfermería': 'nursing',
  'urgencias': 'emergency', 'primeros': 'first', 'auxilios': 'aid', 'esterilización': 'sterilise', 'demencia': 'dementia',
  // kitchen, cleaning, household, hotel
  'cocina': 'cooking', 'cocinar': 'cook', 'cocción': 'cooking', 'preparación': 'prepare', 'preparar': 'prepare', 'elaboración': 'prepare',
  'verduras': 'vegetables', 'hortalizas': 'vegetables', 'cortar': 'cut', 'pelar': 'peel', 'carnes': 'meat', 'carne': 'meat',
  'pescados': 'fish', 'pescado': 'fish', 'plancha': 'grill', 'parrilla': 'grill', 'repostería': 'pastry', 'panadería': 'bakery',
  'platos': 'dishes', 'fregar': 'wash dishes', 'lavar': 'wash', 'lavado': 'wash', 'limpieza': 'cleaning', 'limpiar': 'clean',
  'planchado': 'iron textiles', 'planchar': 'iron', 'ropa': 'clothes', 'lavandería': 'laundry', 'lavanderia': 'laundry',
  'habitaciones': 'rooms', 'habitación': 'room', 'camas': 'beds', 'hacer': 'make', 'baños': 'bathrooms', 'sala': 'dining room',
  'servicio': 'service', 'mesas': 'tables', 'comandas': 'orders', 'pedidos': 'orders', 'pedido': 'order', 'cobro': 'payments',
  'caja': 'cash register', 'clientes': 'customers', 'cliente': 'customer', 'atención': 'service', 'camarero': 'waiter',
  // transport, warehouse
  'conducción': 'driving', 'conducir': 'drive', 'conductor': 'driver', 'camión': 'truck', 'camiones': 'trucks', 'furgoneta': 'van',
  'carga': 'load cargo', 'descarga': 'unload cargo', 'cargar': 'load', 'descargar': 'unload', 'mercancía': 'goods', 'mercancías': 'goods',
  'mercancias': 'goods', 'carretilla': 'forklift', 'elevadora': 'forklift', 'toro': 'forklift', 'almacén': 'warehouse', 'almacen': 'warehouse',
  'inventario': 'inventory', 'reparto': 'delivery', 'paquetería': 'parcels', 'embalaje': 'packaging', 'rutas': 'routes', 'estiba': 'secure cargo',
  // trades
  'soldadura': 'welding', 'soldar': 'weld', 'electrodo': 'arc welding', 'arco': 'arc', 'amolado': 'grinding', 'corte': 'cutting',
  'metales': 'metal', 'metálicas': 'metal', 'acero': 'steel', 'tuberías': 'pipes', 'tuberias': 'pipes', 'tubos': 'pipes',
  'fontanería': 'plumbing', 'fontaneria': 'plumbing', 'calefacción': 'heating', 'calderas': 'boilers', 'fugas': 'leaks',
  'electricidad': 'electricity', 'eléctricas': 'electrical', 'eléctricos': 'electrical', 'eléctrica': 'electrical', 'cableado': 'wiring',
  'cables': 'cables', 'enchufes': 'electricity sockets', 'iluminación': 'lighting', 'cuadros': 'panels', 'tableros': 'panels',
  'averías': 'troubleshoot', 'albañilería': 'masonry', 'ladrillos': 'bricks', 'ladrillo': 'bricks', 'bloques': 'blocks', 'paredes': 'walls',
  'muros': 'walls', 'hormigón': 'concrete', 'hormigon': 'concrete', 'encofrado': 'concrete forms', 'encofrados': 'concrete forms', 'enlucido': 'plaster',
  'yeso': 'plaster', 'alicatado': 'tiles', 'azulejos': 'tiles', 'pintura': 'paint', 'andamios': 'scaffolding', 'carpintería': 'carpentry',
  'madera': 'wood', 'lectura': 'read', 'interpretar': 'read', 'planos': 'drawings', 'esquemas': 'diagrams', 'herramientas': 'tools',
  'montaje': 'assembly', 'instalación': 'install', 'instalar': 'install', 'colocación': 'install', 'reparación': 'repair', 'mantenimiento': 'maintenance',
  // farm
  'cosecha': 'harvest', 'recolección': 'harvest', 'recoleccion': 'harvest', 'recogida': 'harvest', 'recoger': 'pick', 'fruta': 'fruit',
  'frutas': 'fruit', 'poda': 'prune', 'podar': 'prune', 'árboles': 'trees', 'frutales': 'fruit trees', 'vendimia': 'harvest grapes',
  'tractor': 'tractor', 'riego': 'irrigation', 'invernadero': 'greenhouse', 'invernaderos': 'greenhouse', 'siembra': 'planting',
  'ganado': 'livestock', 'ordeño': 'milking',
  // third round: general words of the same trades
  'monitorización': 'monitor', 'monitorizacion': 'monitor', 'vigilancia': 'monitor', 'revestido': 'arc welding',
  // fourth round: service, dressing, finishing trades
  'vestir': 'dressing', 'vestido': 'dressing', 'caldera': 'boiler', 'azulejo': 'tiles', 'baldosas': 'tiles', 'solado': 'lay tiles',
  'andamio': 'scaffolding', 'comanda': 'order', 'tomar': 'take', 'atender': 'serve', 'cobrar': 'payments',
  'estanterías': 'shelves', 'estanterias': 'shelves', 'estantes': 'shelves', 'reposición': 'stock', 'reposicion': 'stock', 'reponer': 'stock',
  // fifth round (t7-skills): the everyday vocabulary of ten more trade areas (animals, security, childcare, office and
  // reception, painting and drywall, bakery and butchery, plumbing fixtures, picking), as written without accents too
  'vacas': 'animals', 'animales': 'animals', 'ordeñar': 'milk', 'ordeno': 'milking', 'establo': 'animal accommodation',
  'cuadra': 'animal accommodation', 'corral': 'animal accommodation', 'pienso': 'feed', 'gallinas': 'poultry', 'cerdos': 'pigs',
  'seguridad': 'security', 'rondas': 'patrol areas', 'ronda': 'patrol areas', 'accesos': 'access', 'acceso': 'access', 'cámaras': 'surveillance equipment',
  'instalaciones': 'premises', 'edificio': 'building', 'guardia': 'security guard', 'videovigilancia': 'monitor surveillance equipment',
  'cuidar': 'take care', 'cole': 'school', 'colegio': 'school', 'deberes': 'homework', 'guardería': 'day care', 'jugar': 'play', 'juegos': 'games',
  'bebés': 'infants', 'pañales': 'diapers',
  'oficinas': 'offices', 'oficina': 'office', 'cristales': 'glass', 'suelos': 'floors', 'escaleras': 'stairs', 'papeleras': 'waste',
  'basura': 'waste', 'limpiesa': 'cleaning', 'portales': 'public areas', 'comunidades': 'public areas',
  'teléfono': 'telephone', 'telefono': 'telephone', 'llamadas': 'calls', 'citas': 'appointments', 'cita': 'appointment', 'reservas': 'reservations',
  'recepción': 'reception',
  'pintar': 'paint', 'fachadas': 'facade', 'fachada': 'facade', 'pladur': 'drywall', 'tabiques': 'walls', 'tabique': 'wall', 'masilla': 'filler',
  'mezcla': 'mortar', 'mortero': 'mortar', 'cemento': 'cement', 'poner': 'lay', 'levantar': 'build',
  'pan': 'bread', 'masa': 'dough', 'amasar': 'knead', 'horno': 'oven', 'hornear': 'bake', 'deshuesar': 'cut meat', 'despiece': 'cut meat',
  'carnicería': 'butchery', 'cuchillos': 'knives', 'embutidos': 'sausages',
  'grifos': 'taps', 'grifo': 'taps', 'desagües': 'drains', 'desatascar': 'unblock', 'atascos': 'unblock', 'lavabos': 'sinks', 'sanitarios': 'sanitary',
  'fresas': 'fruit', 'naranjas': 'fruit', 'aceituna': 'olives', 'aceitunas': 'olives', 'empaquetar': 'pack', 'envasar': 'pack',
  'envasado': 'packing', 'sujeción': 'secure', 'sujecion': 'secure', 'almacenar': 'store', 'arreglar': 'repair', 'cambiar': 'change',
  'bañar': 'bathing', 'ducha': 'bathing', 'comer': 'eating', 'comida': 'meals', 'comidas': 'meals',
  // t8-trades
  'techos': 'ceiling', 'techo': 'ceiling', 'cubiertas': 'roofs', 'cubierta': 'roof', 'impermeabilización': 'apply proofing membranes', 'tejas': 'roof tiles',
  'cerdo': 'pig carcasses', 'cadena': 'line', 'manicura': 'manicure', 'pedicura': 'pedicure', 'uñas': 'nails', 'depilación': 'wax body parts', 'lineales': 'shelves',
};

/**
 * French and Spanish → English workplace vocabulary for reading *skill* text. ESCO has fr/es skill labels, but they are
 * verb phrases ("administrer des médicaments sur ordonnance") while people write nouns ("pose de perfusion",
 * "repassage", "cobro en caja"); the English reading lets such a line reach the concept through the English labels,
 * and ties a French or Spanish line to the same concept an English or German one reaches. Same scope and origin as the
 * Arabic glossary (a dictionary's general vocabulary of the shortage occupations, not any evaluation set).
 * Folded word → its English reading (hand-written workplace vocabulary), ahead of the learnt lexicon.
 */
export const ROMANCE_GLOSSARY: Record<'fr' | 'es', Lexicon> = { fr: fold(FR_EN), es: fold(ES_EN) };

/**
 * Fixed multi-word expressions of skill text that read as one English phrase, not word by word ("paramètres vitaux"
 * are vital signs, not parameters; "كبار السن" are the elderly, not "elderly age"). Keys are written without function
 * words (the reader drops them first: "soins d'hygiène" → "soins hygiène") and folded when loaded. Same scope and
 * origin as the word glossaries.
 */
const SKILL_UNITS: Record<'fr' | 'es' | 'ar' | 'de', Record<string, string>> = {
  fr: {
    'paramètres vitaux': 'vital signs', 'signes vitaux': 'vital signs', 'soins hygiène': 'hygiene care',
    'soins confort': 'hygiene care', 'aide toilette': 'assist hygiene care', 'prise sang': 'take blood samples',
    'poids lourd': 'heavy trucks', 'poids lourds': 'heavy trucks', 'premiers secours': 'first aid', 'mise place': 'food preparation',
    'personnes âgées': 'elderly people', 'soins infirmiers': 'nursing care',
    'préparation commandes': 'pick orders', 'préparateur commandes': 'pick orders', 'port charges': 'lift heavy weights',
    'charges lourdes': 'lift heavy weights', 'travail hauteur': 'working at heights', 'travaux hauteur': 'working at heights',
    'travail équipe': 'work in teams', 'relation client': 'customer service', 'service client': 'customer service',
    'mise rayon': 'stock shelves', 'tenue caisse': 'operate cash register', 'gestion stocks': 'manage stock',
    'service salle': 'serve food in table service', 'service table': 'serve food in table service',
    'prise commandes': 'take food and beverage orders', 'prise commande': 'take food and beverage orders',
    'aide habillage': 'assist with dressing', 'distribution médicaments': 'administer medication',
    'nettoyage sanitaires': 'clean toilet facilities', 'entretien sanitaires': 'clean toilet facilities',
    'pose carrelage': 'lay tiles', 'pose coffrages': 'place concrete forms', 'montage échafaudages': 'build scaffolding',
    'montage échafaudage': 'build scaffolding', 'réception marchandises': 'receive goods', 'réception colis': 'receive goods',
    // t7-skills: common collocations of the same trades
    'aide repas': 'assist meals', 'conduite camion': 'drive heavy trucks', 'lecture plan': 'read blueprints', 'lecture plans': 'read blueprints',
    'parties communes': 'public areas', 'mise conformité': 'compliance', 'soudure arc': 'arc welding', 'garde enfants': 'take care of children',
    'prise rendez': 'schedule appointments', 'prise rdv': 'schedule appointments', 'contrôle accès': 'access control',
    // t8-trades: finishing and envelope trades, security, retail, cleaning, farm, meat, line work, maintenance, childcare, beauty
    'faux plafond': 'install drop ceiling', 'faux plafonds': 'install drop ceiling', 'pose placo': 'place drywall', 'pose bandes': 'tape drywall',
    'bandes joints': 'tape drywall', 'rondes surveillance': 'patrol areas', 'rondes': 'patrol areas', 'vidéo surveillance': 'monitor surveillance equipment',
    'vider poubelles': 'empty waste bins', 'passer aspirateur': 'vacuum surfaces', 'lavage sols': 'clean floors', 'traite vaches': 'milk animals',
    'taille vigne': 'prune vines', 'ligne conditionnement': 'tend packaging machines', 'maintenance préventive': 'preventive maintenance',
    'maintenance curative': 'repair equipment', 'change enfants': 'change diapers', 'pose ongles': 'nail treatment', 'ongles gel': 'nail treatment',
    'revêtement sol': 'install floor coverings', 'revêtements sols': 'install floor coverings', 'encaissement': 'process payments',
    // sk17: collocations of vacancy skill lists
    'arrimage charges': 'secure goods', 'arrimage marchandises': 'secure goods', 'prise constantes': 'vital signs',
    'faire lits': 'make the beds', 'réfection lits': 'make the beds', 'installation logiciels': 'install software',
  },
  es: {
    'signos vitales': 'vital signs', 'constantes vitales': 'vital signs', 'aseo personal': 'personal hygiene',
    'cuidados intensivos': 'intensive care', 'primeros auxilios': 'first aid', 'personas mayores': 'elderly people',
    'extracción sangre': 'take blood samples',
    'preparación pedidos': 'pick orders', 'preparacion pedidos': 'pick orders', 'trabajo equipo': 'work in teams',
    'atención cliente': 'customer service', 'atencion cliente': 'customer service', 'cargas pesadas': 'lift heavy weights',
    'trabajo altura': 'working at heights', 'trabajos altura': 'working at heights', 'reposición lineal': 'stock shelves',
    'atender mesas': 'serve food in table service', 'servicio mesas': 'serve food in table service', 'servir mesas': 'serve food in table service',
    'tomar comandas': 'take food and beverage orders', 'toma comandas': 'take food and beverage orders',
    'ayuda vestir': 'assist with dressing', 'limpieza baños': 'clean toilet facilities', 'colocación azulejos': 'lay tiles',
    'colocacion azulejos': 'lay tiles', 'colocación ladrillos': 'lay bricks', 'montaje andamios': 'build scaffolding',
    'recepción mercancía': 'receive goods', 'recepcion mercancia': 'receive goods', 'recepción mercancías': 'receive goods',
    'reposición estanterías': 'stock shelves', 'reposicion estanterias': 'stock shelves',
    // t7-skills: common collocations of the same trades
    'dar comer': 'feeding', 'hacer habitaciones': 'clean rooms', 'coger teléfono': 'answer incoming calls',
    'atender teléfono': 'answer incoming calls', 'dar citas': 'schedule appointments', 'control accesos': 'access control',
    'conducir camión': 'drive heavy trucks', 'cuidar niños': 'take care of children', 'cuidado niños': 'take care of children',
    'hacer mezcla': 'mix mortar', 'soldadura arco': 'arc welding',
    // t8-trades
    'falsos techos': 'install drop ceiling', 'falso techo': 'install drop ceiling', 'cobro caja': 'operate cash register',
    'reposición lineales': 'stock shelves', 'reposicion lineales': 'stock shelves', 'cadena montaje': 'assembly line', 'linea envasado': 'tend packaging machines',
    'línea envasado': 'tend packaging machines', 'ayuda deberes': 'assist children with homework',
    // sk17: collocations of vacancy skill lists
    'sujeción carga': 'secure goods', 'sujecion carga': 'secure goods', 'estiba carga': 'secure goods', 'toma constantes': 'vital signs',
    'hacer camas': 'make the beds', 'lavado vajilla': 'wash the dishes', 'servicio bebidas': 'serve beverages',
    'manejo tractor': 'operate tractor', 'ordeño vacas': 'milk animals', 'limpieza cristales': 'clean glass surfaces', 'vigilancia instalaciones': 'patrol areas',
  },
  ar: {
    'كبار سن': 'elderly people', 'علامات حيوية': 'vital signs', 'عناية مركزة': 'intensive care', 'إسعافات أولية': 'first aid',
    'عمل جماعي': 'work in teams', 'خدمة عملاء': 'customer service',
    'خدمة زبائن': 'customer service', 'رفع أحمال': 'lift heavy weights', 'أحمال ثقيلة': 'lift heavy weights',
    'أخذ طلبات': 'take food and beverage orders', 'تركيب بلاط': 'lay tiles', 'تركيب سقالات': 'build scaffolding',
    'استقبال بضائع': 'receive goods', 'ترتيب رفوف': 'stock shelves',
    // t7-skills: common collocations of the same trades
    'قيادة شاحنة': 'drive heavy trucks', 'سياقة شاحنة': 'drive heavy trucks', 'سواقة شاحنة': 'drive heavy trucks',
    'بيوت بلاستيكية': 'greenhouse', 'رعاية أطفال': 'take care of children', 'عمل صندوق': 'operate cash register',
    'رد هاتف': 'answer incoming calls', 'نظافة شخصية': 'hygiene care',
    // t8-trades
    'جبس بورد': 'drywall', 'عزل أسطح': 'roof waterproofing', 'مراقبة كاميرات': 'monitor surveillance equipment', 'حلب أبقار': 'milk animals',
    'تركيب أظافر': 'nail treatment', 'خط إنتاج': 'production line',
    // sk17: collocations of vacancy skill lists
    'تثبيت حمولة': 'secure goods', 'تعبئة تغليف': 'pack goods', 'غسيل صحون': 'wash the dishes', 'غسل صحون': 'wash the dishes',
    'تعقيم أسطح': 'disinfect surfaces', 'تنظيف أسطح': 'clean surfaces', 'تثبيت برامج': 'install software', 'قطف ثمار': 'harvest crop',
  },
  de: {
    'erste hilfe': 'first aid', 'schwere lasten': 'lift heavy weights', 'arbeiten höhe': 'working at heights',
    'gäste bedienen': 'serve food in table service', 'bestellungen aufnehmen': 'take food and beverage orders',
    'fliesen legen': 'lay tiles', 'fugen füllen': 'fill tile joints', 'gerüste aufbauen': 'build scaffolding',
    'regale auffüllen': 'stock shelves', 'regale einräumen': 'stock shelves',
    // t7-skills: common collocations of the same trades
    'lkw fahren': 'drive heavy trucks', 'ladung sichern': 'secure goods', 'kinder betreuen': 'take care of children',
    'kasse bedienen': 'operate cash register', 'ware einräumen': 'stock shelves', 'brot backen': 'prepare bread',
    'essen kochen': 'cook meals', 'telefon bedienen': 'answer incoming calls', 'termine vergeben': 'schedule appointments',
    // t8-trades
    'gerüst aufbauen': 'build scaffolding', 'gerüst abbauen': 'dismantle scaffolding', 'maschinen bedienen': 'operate machines',
    // sk17
    'betten machen': 'make the beds', 'ware verräumen': 'stock shelves', 'waren verräumen': 'stock shelves',
  },
};

/** Folded multi-word unit (function words out) → its English reading, per language. */
const SKILL_UNIT_GLOSSARY = Object.fromEntries(
  Object.entries(SKILL_UNITS).map(([l, d]) => [l, new Map(Object.entries(d).map(([k, v]) => [foldText(k), v]))]),
) as Record<'fr' | 'es' | 'ar' | 'de', Map<string, string>>;

/**
 * The unit reader for translateToEnglish: the longest unit (two or three words) starting at word i, each word as
 * written or in one of its stripped forms.
 */
export function skillUnit(lang: 'fr' | 'es' | 'ar' | 'de', variants: (w: string) => string[]): (ws: string[], i: number) => { en: string; n: number } | undefined {
  const units = SKILL_UNIT_GLOSSARY[lang];
  const forms = (w: string) => [w, ...variants(w)];
  return (ws, i) => {
    for (let n = Math.min(3, ws.length - i); n >= 2; n--) {
      let keys = [''];
      for (let k = 0; k < n; k++) keys = keys.flatMap((p) => forms(ws[i + k]!).map((f) => (p ? `${p} ${f}` : f)));
      for (const key of keys) {
        const en = units.get(key);
        if (en) return { en, n };
      }
    }
    return undefined;
  };
}

/** French / Spanish plural and gender endings stripped (pansements → pansement, tuberias → tuberia), at least four letters left. */
export function romanceVariants(w: string): string[] {
  const out: string[] = [];
  for (const s of ['es', 's', 'x']) if (w.endsWith(s) && w.length - s.length >= 4) out.push(w.slice(0, -s.length));
  return out;
}

/**
 * English workplace words of UK/US/AU job boards and CVs that ESCO's skill labels do not use (t8-trades, issue 11):
 * "hoovering", "on the till", "nappy changing", "striking scaffold", "PPM", "fault finding". Folded phrase (one to
 * three words, function words kept out) → ESCO's wording. Written by trade from general knowledge (cleaning, retail,
 * childcare, finishing and envelope trades, security, meat and line work, maintenance, beauty), not from any evaluation
 * set. Read as an extra English reading of a skill line, beside the line as written (skill-linker.ts).
 */
const EN_WORKPLACE: Record<string, string> = {
  hoovering: 'vacuum surfaces', hoover: 'vacuum surfaces', hoovered: 'vacuum surfaces', vacuuming: 'vacuum surfaces', mopping: 'clean floors', mop: 'clean floors',
  'floor scrubber': 'operate floor cleaning equipment', 'scrubber dryer': 'operate floor cleaning equipment', 'scrubber drier': 'operate floor cleaning equipment',
  'buffing machine': 'operate floor cleaning equipment', 'emptying bins': 'empty waste bins', bins: 'waste bins', toilets: 'toilet facilities', loos: 'toilet facilities',
  till: 'cash register', tills: 'cash register', checkout: 'cash register', 'stacking shelves': 'stock shelves', 'shelf stacking': 'stock shelves',
  'rotating stock': 'stock rotation', 'stock rotation': 'stock rotation', 'facing up': 'organise product display', replenishment: 'stock shelves',
  'dispensing prescriptions': 'dispense medicines', prescriptions: 'prescriptions medicines', nappy: 'diaper', nappies: 'diapers', 'nappy changing': 'change diapers',
  toddlers: 'children', kids: 'children', babies: 'infants', sen: 'special needs', plasterboard: 'drywall', skimming: 'plaster surfaces', skim: 'plaster surfaces',
  boarding: 'place drywall', 'dry lining': 'place drywall', 'suspended ceilings': 'install drop ceiling', 'suspended ceiling': 'install drop ceiling',
  'partition walls': 'place drywall', striking: 'dismantle', erecting: 'build', 'tube fitting': 'scaffolding', 'double glazed units': 'insulating glazing units',
  'double glazing': 'insulating glazing units', upvc: 'pvc', felt: 'roll roofing', 'pitched roofs': 'roofs', 'flat roofs': 'roll roofing', leadwork: 'roof flashing',
  cctv: 'monitor surveillance equipment', patrolling: 'patrol areas', patrols: 'patrol areas', 'checking id': 'perform security checks',
  'drunk customers': 'aggressive behaviour', drunk: 'aggressive behaviour', 'door work': 'security checks', boning: 'meat cutting knives', deboning: 'meat cutting knives',
  'packing line': 'packaging machines', 'quality checks': 'inspect quality', 'production line': 'conveyor belt production', ppm: 'preventive maintenance',
  'planned preventative maintenance': 'preventive maintenance', preventative: 'preventive', 'fault finding': 'troubleshoot repair', breakdowns: 'repair equipment',
  'gel nails': 'nail polish decorate nails', acrylics: 'decorate nails', manicures: 'manicure', facials: 'facial treatment', waxing: 'wax body parts',
  'eyebrow shaping': 'wax body parts', lashes: 'eyelash', milking: 'milk animals', calves: 'livestock', 'feeding calves': 'feed livestock',
  // sk17: UK kitchen, care and haulage words of vacancy skill lists
  'load securing': 'secure goods', 'securing loads': 'secure goods', 'load restraint': 'secure goods', 'silver service': 'serve food in table service',
  'pot wash': 'wash the dishes', 'pot washing': 'wash the dishes', 'knife skills': 'use food cutting tools', obs: 'vital signs',
  'taking obs': 'monitor vital signs', 'bed making': 'make the beds',
};
const EN_WORKPLACE_MAP = new Map(Object.entries(EN_WORKPLACE).map(([k, v]) => [foldText(k), v]));

/** The folded English line with its workplace words read as ESCO words (longest phrase first); undefined when none is known. */
export function readEnglishWorkplace(folded: string): string | undefined {
  const ws = folded.split(' ').filter(Boolean);
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < ws.length; ) {
    let took = 0;
    for (let n = Math.min(3, ws.length - i); n >= 1 && !took; n--) {
      const en = EN_WORKPLACE_MAP.get(ws.slice(i, i + n).join(' '));
      if (en) { out.push(en); took = n; changed = true; }
    }
    if (!took) { out.push(ws[i]!); took = 1; }
    i += took;
  }
  return changed ? out.join(' ') : undefined;
}
