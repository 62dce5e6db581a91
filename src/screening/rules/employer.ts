// A deceptive or vague employer or location: the company, the city or the address is given only on arrival or
// after payment, "a company in Europe", contact only through a messaging app or a private message.
import { lex } from '../lexicon.js';
import { AR_PRE, WB, WE } from '../text.js';
import { negatedAt, spans, type FieldText, type RuleHit } from './common.js';

const any = (...parts: string[]) => `(?:${parts.join('|')})`;

/** Who or where: the employer, its name, the city, the address, the work site, "details". */
const WHO_WHERE = lex(
  [
    'company', 'company name', 'name of the company', 'employer', "employer's name", 'employer name', 'firm', 'location', 'job location', 'work location', 'exact location', 'city', 'exact city', 'address', 'workplace', 'place of work', 'work site', 'country', 'destination', 'the farm where', 'which farm', 'which site',
    'entreprise', "nom de l'entreprise", 'employeur', 'societe', 'lieu', 'lieu de travail', 'ville', 'adresse', 'pays', 'chantier', 'la ferme ou', 'le site ou',
    'empresa', 'nombre de la empresa', 'datos de la empresa', 'empleador', 'direccion', 'direccion exacta', 'lugar', 'lugar de trabajo', 'ciudad', 'pais', 'destino',
    'firma', 'arbeitgeber', 'einsatzort', 'arbeitsort', 'ort', 'adresse', 'unternehmen', 'name der firma', 'standort',
  ],
  ['اسم الشركه', 'اسم (?:ال)?\\p{L}+', 'الشركه', 'مكان العمل', 'العنوان', 'تفاصيل الشركه', 'موقع العمل', 'مدينه', 'الدوله', 'صاحب العمل'],
);

/** …is disclosed only later: on arrival, after selection or payment. */
const LATER = new RegExp(
  any(
    `${WB}(?:given|shared|communicated|revealed|disclosed|provided|told|sent|confirmed|decided|announced|assigned|known) (?:[\\p{L}'-]+ ){0,3}(?:on|upon|after|once) (?:your |the )?(?:arrival|selection|confirmation|payment|approval|registration|you (?:arrive|land|get here|pay|are selected))${WE}`,
    `${WB}(?:given|shared|communicated|revealed|disclosed|provided|told|sent|decided) (?:[\\p{L}'-]+ ){0,3}(?:when you (?:arrive|get here|land|come)|later|in due course)${WE}`,
    `${WB}(?:to be (?:confirmed|decided|announced|disclosed)|tbc|tbd)${WE}`,
    `${WB}(?:communique|communiquee|communiques|communiquees|revele|revelee|reveles|revelees|donne|donnee|donnes|donnees|precise|precisee|indique|indiquee|transmis|transmise|devoile|devoilee|devoiles|confirme|confirmee|decide|decidee) (?:[\\p{L}'-]+ ){0,3}(?:a l'arrivee|a votre arrivee|apres (?:[\\p{L}'-]+ ){0,2}(?:paiement|selection|inscription|validation)|sur place|ulterieurement|plus tard)${WE}`,
    `${WB}(?:a confirmer|a definir|a determiner|communique a l'arrivee)${WE}`,
    `${WB}(?:se (?:daran|dara|te daran|te dara|comunicara|comunicaran|informara|revelara|confirmara|decide|decidira|sabra)|te (?:daremos|diremos|informaremos)) (?:[\\p{L}'-]+ ){0,4}(?:cuando llegues|al llegar|a la llegada|despues del pago|tras el pago|mas adelante|segun (?:la )?demanda|en destino)${WE}`,
    `${WB}(?:por confirmar|a confirmar|por definir|se decide segun)${WE}`,
    `${WB}(?:mitgeteilt|bekannt gegeben|bekanntgegeben|genannt|verraten|festgelegt) (?:[\\p{L}'-]+ ){0,3}(?:nach (?:der |ihrer )?(?:ankunft|zahlung|auswahl|anmeldung|einreise)|vor ort|spater)${WE}`,
    `${WB}(?:nach (?:der |ihrer )?ankunft|nach zahlung) (?:[\\p{L}'-]+ ){0,2}(?:mitgeteilt|bekannt gegeben|genannt)${WE}`,
    `${WB}(?:wird noch bekannt gegeben)${WE}`,
    `${WB}(?:tell|explain|introduce|inform|show|reveal) (?:\\p{L}+ ){0,8}(?:after|when|once) you (?:land|arrive|get here|get there|pay)${WE}`,
    `${WB}(?:pour connaitre|to (?:find out|learn|know)(?: who)?|para conocer(?: a)?|um) (?:votre |your |tu |su |ihren |deinen )?(?:employeur|employer|empleador|empresa|arbeitgeber)${WE}`,
    `${WB}(?:une fois (?:la-bas|sur place)|once (?:you're |you are )?there|una vez alli|wenn (?:sie|du) (?:dort|vor ort) (?:sind|bist))${WE}`,
    `${WB}(?:vous (?:dirons|expliquerons|presenterons|indiquerons)|on vous dira) (?:\\p{L}+ ){0,6}(?:a votre arrivee|a l'arrivee|sur place|apres (?:le )?paiement)${WE}`,
    `${WB}(?:te (?:contamos|diremos|explicamos|explicaremos|presentaremos)) (?:\\p{L}+ ){0,6}(?:cuando llegues|al llegar|alli|en destino|tras el pago)${WE}`,
    `${WB}(?:sagen|erklaren|nennen) (?:wir )?(?:ihnen|dir) (?:\\p{L}+ ){0,6}(?:bei|nach) (?:der |ihrer )?(?:ankunft|zahlung)${WE}`,
    `${WB}${AR_PRE}(?:سنخبرك|نخبرك|سنعلمك|نعلمك|سنبلغك|نبلغك|نعرفك|سنعرفك) (?:\\p{L}+ ){0,5}(?:عندما تصل|حين تصل|بعد وصولك|عند وصولك|لاحقا)`,
    `${WB}${AR_PRE}(?:يتم تحديد|يتم الافصاح|سيتم تحديد|سيتم الافصاح|يحدد|تحدد|نرسل لك|سنرسل لك|سنرسل|نرسل|يتم ارسال|سيتم ارسال|يعلن) (?:[\\p{L}'-]+ ){0,5}(?:عند الوصول|بعد الوصول|بعد الموافقه|لاحقا|بعد الدفع|بعد القبول)`,
    // Passive "is communicated / made known / revealed" (any person, number and tense) then "on arrival / after payment".
    `${WB}${AR_PRE}(?:[يتس]|سي|ست)?(?:بلغ|بلغان|بلغون|علن|علنان|كشف|عرف|عرفان|ذكر|حدد|حددان|خبر)(?:ان|ون)? (?:[\\p{L}'-]+ ){0,3}(?:عند الوصول|بعد الوصول|عند وصولك|بعد وصولك|بعد الدفع|بعد التسجيل|بعد القبول|لاحقا)`,
  ),
  'gu',
);

/** A continent or a region instead of an employer and a place. */
const NOWHERE = new RegExp(
  any(
    `${WB}(?:big|large|leading|serious|reputable|international|well-known|major|top) (?:\\p{L}+ ){0,1}(?:company|companies|firm|employer|factory|factories) (?:in|across) (?:europe|the eu|the gulf|the middle east|north america|asia)${WE}`,
    `${WB}(?:in|en|a) (?:a |an |one |une |un |una |einem |einer )?(?:european|gulf|pays europeen|pais europeo|europaischen) (?:country|pays|pais|land|island|ile|isla|insel)${WE}`,
    `${WB}(?:una isla de europa|une ile en europe|einer insel in europa|an island in europe)${WE}`,
    `${WB}${AR_PRE}(?:بدوله اوروبيه|في دوله اوروبيه|دوله خليجيه)`,
    `${WB}(?:various|several|different|multiple) (?:locations|countries|cities|sites) (?:in|across) (?:europe|the eu|the gulf)${WE}`,
    `${WB}(?:somewhere|anywhere) in (?:europe|the eu|canada|the gulf)${WE}`,
    `${WB}(?:entreprise|societe|usine)s? (?:[\\p{L}'-]+ ){0,2}en europe${WE}`,
    `${WB}(?:empresa|compania|fabrica)s? (?:[\\p{L}'-]+ ){0,2}en europa${WE}`,
    `${WB}(?:firma|unternehmen|betrieb) (?:[\\p{L}'-]+ ){0,1}in (?:west|ost|nord|sud)?europa${WE}`,
    `${WB}(?:verschiedenen|mehreren) (?:orten|landern|stadten) in (?:[\\p{L}'-]+ ){0,1}europa${WE}`,
    `${WB}${AR_PRE}شركه (?:[\\p{L}'-]+ ){0,1}في (?:اوروبا|اوربا|الخليج)`,
  ),
  'gu',
);

/** "Details on arrival": the whole offer is withheld until the worker has travelled. */
const DETAILS_LATER = new RegExp(
  any(
    `${WB}(?:all |more |further |full )?details (?:\\p{L}+ ){0,2}(?:on|upon|after) (?:arrival|payment)${WE}`,
    `${WB}(?:be |are |get )?(?:assigned|allocated|placed|posted) (?:[\\p{L}'-]+ ){0,3}(?:once|when|after) you(?:'re| are)? (?:with us|here|there|arrive|land|on site)${WE}`,
    `${WB}(?:serez |seras )?(?:affecte|affectee|affectes|place|placee)s? (?:[\\p{L}'-]+ ){0,3}(?:a votre arrivee|une fois sur place|une fois la-bas)${WE}`,
    `${WB}(?:seras |sera )?(?:asignad[oa]s?|destinad[oa]s?) (?:[\\p{L}'-]+ ){0,3}(?:al llegar|cuando llegues|una vez alli)${WE}`,
    `${WB}(?:werden sie |wirst du )?(?:eingeteilt|zugeteilt|eingesetzt) (?:[\\p{L}'-]+ ){0,3}(?:nach (?:der |ihrer )?ankunft|vor ort)${WE}`,
    `${WB}details (?:a l'arrivee|sur place|apres (?:le )?paiement)${WE}`,
    `${WB}detalles (?:a la llegada|al llegar|cuando llegues|tras el pago)${WE}`,
    `${WB}(?:details|einzelheiten) (?:bei|nach) (?:der )?(?:ankunft|zahlung)${WE}`,
    `${WB}${AR_PRE}التفاصيل (?:عند|بعد) (?:الوصول|الدفع)`,
  ),
  'gu',
);

/** The employer's name kept back: "confidential client", "name given at interview". Weak alone. */
const NAME_WITHHELD = new RegExp(
  any(
    `${WB}(?:name|identity) (?:\\p{L}+ ){0,4}(?:confidential|withheld|undisclosed|not disclosed|kept private|given (?:only )?(?:at|in) (?:the )?interview)${WE}`,
    `${WB}(?:can't|cannot|can not|won't) (?:say|tell you|name|disclose) (?:which|who|the name)${WE}`,
    `${WB}(?:can't|cannot|can not) be (?:named|disclosed|revealed)|for confidentiality${WE}`,
    `${WB}(?:ne peut (?:pas )?etre (?:nomme|cite|revele)e?|par confidentialite|no (?:se )?puede (?:ser )?nombrar|por confidencialidad|darf nicht genannt werden|aus diskretionsgrunden)${WE}`,
    `${WB}(?:no podemos decir (?:cual|quien|el nombre)|nous ne pouvons pas (?:dire|nommer|reveler)|konnen wir (?:noch )?nicht nennen|nennen wir (?:hier )?nicht)${WE}`,
    `${WB}${AR_PRE}(?:لا نذكر اسم|لا يمكننا ذكر|لا نستطيع ذكر)`,
    `${WB}(?:confidential|undisclosed|unnamed) (?:client|employer|company)${WE}`,
    `${WB}(?:nom|identite) (?:\\p{L}+ ){0,4}(?:confidentiel|confidentielle|reste confidentiel|communique (?:lors de|a) l'entretien)${WE}`,
    `${WB}(?:nombre|identidad) (?:\\p{L}+ ){0,4}(?:confidencial|reservado|en la entrevista)${WE}`,
    `${WB}(?:name|namen) (?:\\p{L}+ ){0,4}(?:vertraulich|erst im (?:personlichen )?gesprach|nennen wir erst)|(?:dessen|deren) name wir erst${WE}`,
    `${WB}${AR_PRE}(?:اسم الشركه سري|اسم صاحب العمل سري|عميل سري)`,
  ),
  'gu',
);

/** A place that is not a place: "somewhere in Europe", "a European country", "site selon les besoins". */
const SOMEWHERE = new RegExp(
  any(
    // "Work from home anywhere in the UK", "remote, live anywhere in Spain": freedom of place, not a hidden one.
    `${WB}(?:somewhere|(?<!(?:remote|remotely|home|live|living|based|work|from|stay|staying|lodge|rent|sleep)\\s(?:[\\p{L}'-]+\\s){0,2})anywhere) in${WE}`,
    `${WB}(?:location|lieu|ubicacion|lugar|ort|einsatzort|country|pays|pais|land)\\s?:\\s?(?:europe|the eu|eu|europa|gulf|golfe|golfo|abroad|etranger|extranjero|ausland)${WE}`,
    `${WB}${AR_PRE}(?:المكان|الدوله|مكان العمل)\\s?:\\s?(?:اوروبا|الخليج|الخارج)`,
    `${WB}(?:location|region|city|site|place) (?:[\\p{L}'-]+ ){0,2}(?:depends on|to be fixed|at short notice)${WE}`,
    `${WB}(?:lieu|region|ville|site) (?:[\\p{L}'-]+ ){0,2}(?:depend d[eu]s?|fixee? plus tard|a court terme)${WE}`,
    `${WB}(?:lugar|region|ciudad|zona) (?:[\\p{L}'-]+ ){0,2}(?:depende de|se fija|a ultima hora)${WE}`,
    `${WB}(?:ort|region|einsatzort|stadt) (?:[\\p{L}'-]+ ){0,2}(?:hangt (?:von|ab)|wird kurzfristig|kurzfristig festgelegt)${WE}`,
    `${WB}(?:a|one) (?:european|gulf|western|eu) country${WE}`,
    `${WB}(?:quelque part en|un pays (?:europeen|du golfe)|(?:site|lieu|ville|pays) (?:d'affectation |de travail )?selon (?:les )?besoins)${WE}`,
    `${WB}(?:en algun lugar de|un pais (?:europeo|del golfo)|(?:lugar|destino|ciudad|pais) (?:[\\p{L}'-]+ ){0,2}segun (?:las necesidades|la demanda))${WE}`,
    `${WB}(?:irgendwo in|einem europaischen land|(?:orten?|einsatzort|standort|land) (?:[\\p{L}'-]+ ){0,3}je nach (?:bedarf|auftragslage))${WE}`,
    `${WB}${AR_PRE}(?:دوله اوروبيه|دوله خليجيه|مكان ما في)`,
  ),
  'gu',
);

/** Contact or information only by voice message, a bare phone number or private message. */
const CONTACT_VAGUE = new RegExp(
  any(
    `${WB}(?:voice (?:message|note)s?|message vocal|messages vocaux|mensajes? de voz|(?:manda|mandanos|envia|envianos) (?:un )?audio|audio por whatsapp|sprachnachricht(?:en)?|رساله صوتيه|تسجيل صوتي)${WE}`,
    `${WB}(?:details? (?:shared|given|sent) (?:privately|in private)|shortlisted candidates only|with your photo)${WE}`,
    `${WB}(?:(?:dm|pm|inbox) (?:us |me )?for (?:more|details|info)|more info(?:rmation)? (?:in|by) (?:dm|pm|private))${WE}`,
    `${WB}(?:no (?:more|further) (?:information|details|info) (?:here|in this ad)|no damos mas (?:informacion|datos)|pas plus d'informations? ici|keine weiteren (?:informationen|details) hier)${WE}`,
    `${WB}(?:(?:write|text|call) (?:us )?(?:at|on|to) the number (?:below|above)|escribenos al numero|ecrivez-nous au numero|schreiben sie uns an die nummer)${WE}`,
    `${WB}${AR_PRE}(?:للتفاصيل على الخاص|راسلنا على الخاص|التفاصيل في الخاص)`,
  ),
  'gu',
);

const MESSAGING = lex(
  ['whatsapp', 'whats app', 'telegram', 'viber', 'wechat', 'messenger', 'dm', 'dms', 'direct message', 'private message', 'inbox', 'message prive', 'messages prives', 'mensaje privado', 'por privado', 'direktnachricht', 'privatnachricht'],
  ['واتساب', 'واتس اب', 'واتس', 'تيليجرام', 'تلغرام', 'تليغرام', 'تيلجرام', 'فايبر', 'رساله خاصه', 'الخاص'],
);
const ONLY = lex(
  ['only', 'exclusively', 'solely', 'uniquement', 'seulement', 'exclusivement', 'solo', 'solamente', 'unicamente', 'exclusivamente', 'nur', 'ausschliesslich'],
  ['فقط', 'حصرا'],
);
// Another way to reach or check the employer: an e-mail, a website, a street address, a registered company name.
/**
 * A licence or registration number that can be looked up: "licence no. 61820", "n° de licence 1234", "licencia nº 0457",
 * "Lizenz-Nr. 2231", "HRB 12345", "SIRET 123 456 789", "ترخيص رقم 556".
 */
const LICENCE_NUMBER = String.raw`(?:\b(?:licen[cs]e|licencia|lizenz|registration|registre|registro|handelsregister)|ترخيص|رخصه|سجل تجاري)(?: de| d'agence| der agentur)?\s?(?:-?nr\.?|no\.?|n[o°º]\.?|number|numero|num\.?|#|:|رقم)\s?[a-z]{0,4}[-\s]?\d{3,}|\b(?:siret|siren|cif|hrb|hra)\s?:?\s?[a-z]?[-\s]?\d{3,}`;
const OTHER_CHANNEL = new RegExp(
  String.raw`(?:[\w.+-]+@[\w-]+\.[\w.]+|https?:\/\/|www\.|[\w-]+\.(?:com|org|net|de|fr|es|uk|ca|ae|qa|pl|nl|be|it|pt|au|ch|at)\b|\b(?:ltd|gmbh|sarl|sas|s\.?l\.?|s\.?a\.?|inc|llc|plc|bv|ag|kg|sp\. z o\.o\.)\b|\b\d{1,4},? (?:rue|avenue|calle|strasse|str\.|street|road|rd|chemin|boulevard|bd|plaza|platz)\b|\b(?:rue|calle|avenida|strasse|str\.|street|road|chemin|boulevard|platz) [\p{L} ]{2,30}\d|شارع|${LICENCE_NUMBER})`, 'iu');

/**
 * The business or its place named another way: a street address written with an abbreviation ("211 Brunswick St"), a
 * building, unit or shop number (*immeuble 4, edificio 2, Gebäude 3, مبنى 18*), or an invitation to come in person to
 * the premises. A contact channel (WhatsApp, a DM, "por privado", a phone number) beside these is not a vague employer.
 */
const PLACE_GIVEN = new RegExp(
  any(
    `${WB}\\d{1,5}[a-z]?,? (?:[\\p{L}'-]+ ){1,3}(?:st|street|ave|avenue|rd|road|blvd|lane|ln|parade|pde|terrace|tce|hwy|highway|square|sq)${WE}`,
    `${WB}(?:building|bldg|block|blk|unit|shop|suite|tower|immeuble|batiment|bat|local|edificio|nave|gebaude|halle|haus)\\.? (?:no\\.? ?|n[o°º]\\.? ?|nr\\.? ?|#|num(?:ero)?\\.? ?)?\\d{1,4}${WE}`,
    `${WB}(?:carrer|c/|avda\\.?|av\\.|calle|plaza|placa|passeig|paseo|rue|avenue|allee|place|strasse|str\\.|weg|gasse|allee|platz|ring|damm) (?:[\\p{L}'-]+ ){0,3}(?:n[o°º]\\.? ?|nr\\.? ?)?\\d{1,4}${WE}`,
    `${WB}\\p{L}*(?:strasse|str\\.|weg|gasse|platz|allee|ring|damm) \\d{1,4}${WE}`,
    `${WB}${AR_PRE}(?:مبني|عماره|برج|محل|مجمع|بنايه|بلوك) (?:رقم )?\\d`,
    // A floor of a building: "3rd flr", "2e étage", "3ª planta", "4. OG", "الطابق الثالث".
    `${WB}\\d{1,2}(?:st|nd|rd|th|e|er|eme|a|o)?\\.? ?(?:floor|flr|fl|etage|planta|piso|stock|og|obergeschoss)${WE}`,
    `${WB}(?:floor|etage|planta|piso|stock) \\d{1,2}${WE}`,
    // "2F", "3/F" as Asian addresses write a floor, and a named building ("Dela Rosa Bldg", "Torre Picasso", "Tour Montparnasse").
    `${WB}\\d{1,2}/?f${WE}`,
    `${WB}(?:[\\p{L}'-]+ ){1,3}(?:bldg|tower)${WE}`,
    `${WB}${AR_PRE}(?:الطابق|الدور) (?:ال)?\\p{L}+`,
    // Come in person to the premises: the place can be visited and checked.
    `${WB}(?:in person|walk-?ins?|en personne|en persona|presencialmente|personlich|vor ort vorbei) (?:[\\p{L}'-]+ ){0,4}(?:at|to|au|a la|al|en el|en la|im|in der|ins|bei) (?:the |our |le |la |el |notre |nuestro |nuestra |unserem |unserer )?(?:restaurant|restaurante|bar|cafe|cafeteria|shop|store|salon|hotel|bakery|kitchen|premises|venue|office|boutique|local|tienda|laden|geschaft|buro|bureau|oficina|werkstatt|garage|taller)${WE}`,
    `${WB}(?:drop (?:off |in )?(?:your |a )?(?:cv|resume)|bring (?:your |a )?(?:cv|resume)|deposez (?:votre |un )?cv|passez (?:au|a la|nous voir)|pasa(?:te)? por (?:el|la|nuestro|nuestra)|trae (?:tu )?cv|(?:kommen sie|komm) (?:[\\p{L}'-]+ ){0,3}vorbei)${WE}`,
    `${WB}${AR_PRE}(?:الحضور شخصيا|الحضور الي (?:ال)?(?:مطعم|محل|مكتب|فندق|مقر|صالون|مقهي)|زيارتنا في)`,
  ),
  'u',
);

/** A walk-in establishment hiring in its own name: "pizzeria needs a cook", "Bar de playa busca camareros", "مطعم … يطلب". */
const PREMISES_HIRING = new RegExp(
  any(
    `${WB}(?:restaurant|restaurants|bar|wine bar|pub|cafe|coffee shop|pizzeria|bistro|brasserie|hotel|salon|barbershop|barber shop|bakery|butcher|shop|store|boutique|pharmacy|clinic|dental practice|garage|takeaway|diner|gastropub|creperie|boulangerie|patisserie|boucherie|pharmacie|cabinet|salon de coiffure|restaurante|cafeteria|chiringuito|bar de playa|peluqueria|panaderia|pasteleria|tienda|farmacia|clinica|taller|kneipe|gaststatte|backerei|konditorei|friseursalon|laden|apotheke|praxis|werkstatt|imbiss)${WE}[^.!?\\n]{0,60}?${WB}(?:needs?|seeks?|seeking|is hiring|are hiring|hiring|is looking for|are looking for|looking for|wants|requires|recruits?|cherche|recherche|recrute|embauche|busca|buscamos|necesita|necesitamos|contrata|precisa|selecciona|sucht|suchen|stellt (?:[\\p{L}'-]+ ){0,2}ein)${WE}`,
    `${WB}${AR_PRE}(?:ال)?(?:مطعم|مقهي|كافيه|كافتيريا|فندق|صالون|مخبز|صيدليه|عياده|ورشه|محل)[^.!?\\n]{0,60}?(?:يطلب|تطلب|يبحث|تبحث|بحاجه|يحتاج|تحتاج)`,
  ),
  'u',
);

/** An invitation to telephone: the number is a line that answers, not only a messaging account. */
const CALL = new RegExp(
  any(
    `${WB}(?:call|ring)${WE}|${WB}(?:phone|telephone) (?:us|me|our office|the office)${WE}`,
    `${WB}(?:appelez|appelle|appeler|telephonez|telephoner)${WE}`,
    `${WB}(?:llama|llamanos|llamame|llamar|llame|llamenos|telefonea)${WE}`,
    `${WB}(?:rufen sie|ruf an|anrufen|rufen (?:sie )?(?:uns|mich) an|telefonisch)${WE}`,
    `${WB}${AR_PRE}(?:اتصل|اتصلوا|للاتصال)`,
  ),
  'gu',
);

export function employerRules(ft: FieldText, wholeText: string): RuleHit[] {
  const out: RuleHit[] = [];
  const weak: RuleHit[] = [];
  let appMention: { start: number; end: number } | undefined;
  const placeKnown = OTHER_CHANNEL.test(wholeText) || PLACE_GIVEN.test(wholeText) || PREMISES_HIRING.test(wholeText);
  // An invitation to call (not "no calls") is a second channel beside the app: "appelez ou écrivez sur WhatsApp".
  const callable = spans(CALL, wholeText).some((c) => !negatedAt(wholeText, c.start));
  for (const s of ft.sentences) {
    const t = s.text;
    const hit = (cue: string, tier: RuleHit['tier'] = 'strong') =>
      out.push({ type: 'vague-employer', severity: 'medium', tier, field: ft.field, start: s.start, end: s.end, cue });
    const later = spans(LATER, t);
    const whoWhere = spans(WHO_WHERE, t);
    const apps = spans(MESSAGING, t);
    // The employer or the place, then "given on arrival / after payment" close after it (or inside the same phrase).
    const near = (w: { start: number; end: number }, l: { start: number; end: number }) =>
      (w.start <= l.end && l.start - w.end <= 40 && !/[,:(]/.test(t.slice(w.end, Math.max(w.end, l.start)))) ||
      (w.start >= l.end && w.start - l.end <= 40);
    const pair = later.flatMap((l) => whoWhere.filter((w) => near(w, l)).map((w) => [w, l] as const))[0];
    if (pair) {
      hit(`later:${pair[0].text}+${pair[1].text}`);
      continue;
    }
    const details = spans(DETAILS_LATER, t);
    if (details.length) {
      hit(`details-later:${details[0]!.text}`);
      continue;
    }
    // "WhatsApp only" beside the business's own address or a named premises is a contact preference, not a hidden employer.
    if (apps.length && spans(ONLY, t).length && !placeKnown) {
      hit(`app-only:${apps[0]!.text}`);
      continue;
    }
    const somewhere = spans(SOMEWHERE, t);
    if (somewhere.length) {
      hit(`somewhere:${somewhere[0]!.text}`);
      continue;
    }
    const soft = [
      ...spans(NOWHERE, t).map((x) => `nowhere:${x.text}`),
      ...spans(NAME_WITHHELD, t).map((x) => `name-withheld:${x.text}`),
      ...spans(CONTACT_VAGUE, t).map((x) => `contact:${x.text}`),
    ];
    if (soft.length) weak.push({ type: 'vague-employer', severity: 'medium', tier: 'weak', field: ft.field, start: s.start, end: s.end, cue: soft[0]! });
    if (apps.length && !appMention) appMention = { start: s.start, end: s.end };
  }
  // A messaging app as the only way to reach the employer (no e-mail, website, address, building, premises to walk into
  // or business hiring in its own name anywhere).
  if (appMention && !placeKnown && !callable) {
    weak.push({ type: 'vague-employer', severity: 'medium', tier: 'weak', field: ft.field, start: appMention.start, end: appMention.end, cue: 'app-without-other-channel' });
  }
  // Two different weak signals together (an unnamed employer and contact only by voice message …) are enough.
  if (weak.length >= 2 && new Set(weak.map((w) => w.cue.split(':')[0])).size >= 2) for (const w of weak) out.push({ ...w, tier: 'strong' });
  else out.push(...weak);
  return out;
}
