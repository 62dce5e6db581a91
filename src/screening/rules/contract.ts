// No written contract, or a contract given only on arrival (when the worker can no longer refuse it).
import { DOCUMENT_NOUN, lex } from '../lexicon.js';
import { AR_PRE, WB, WE } from '../text.js';
import { live, negatedAt, spans, type FieldText, type RuleHit, type Span } from './common.js';

const any = (...parts: string[]) => `(?:${parts.join('|')})`;

const CONTRACT = lex(
  ['contracts?', 'employment contract', 'work contract', 'paperwork', 'contrats?', 'papiers', 'contrato', 'contratos', 'papeles', 'vertrag', 'vertrage', 'arbeitsvertrag', 'arbeitsvertrage', 'papierkram', '(?:dienst|anstellungs|saison)vertrag'],
  ['عقد', 'العقد', 'عقود', 'الاوراق'],
);

/** No contract at all, an oral one, or cash without papers. */
const NO_CONTRACT = new RegExp(
  any(
    `${WB}(?:no|without) (?:(?:written|formal|signed|employment|work|proper|real|official) )?(?:contract|contracts|paperwork)(?: (?:needed|required|necessary|involved))?${WE}`,
    `${WB}(?:contract|paperwork) (?:is |are )?(?:not|isn't|aren't) (?:needed|required|necessary)${WE}`,
    // "No need for paperwork or contract", "alles mündlich, kein Papierkram".
    `${WB}no need for (?:a |any |the )?(?:written )?(?:contracts?|paperwork)${WE}`,
    `${WB}(?:alles|nur) mundlich${WE}`,
    `${WB}(?:verbal|oral|handshake) (?:agreement|contract|deal|arrangement)${WE}`,
    `${WB}(?:cash in hand|off the books|under the table|cash only, no)${WE}`,
    `${WB}(?:pas de|sans|aucun|pas besoin de) contrat(?: ecrit| de travail)?${WE}`,
    `${WB}(?:accord|contrat|engagement) (?:verbal|oral)${WE}`,
    `${WB}(?:au noir|non declare|non declaree|sans declaration)${WE}`,
    `${WB}(?:sin|ni) (?:[\\p{L}'-]+ ){0,2}contrato${WE}`,
    `${WB}(?:de palabra|acuerdo verbal|contrato verbal|en negro|sin (?:dar de )?alta|sin seguro social|sin seguridad social|no declarad[oa])${WE}`,
    `${WB}(?:undeclared|off the books|no tax|not declared|unregistered|nothing in writing|shake hands|shaking hands|handshake deal|word of mouth agreement)${WE}`,
    `${WB}(?:rien (?:n'est )?(?:par )?ecrit|rien d'ecrit|poignee de main|tope la)${WE}`,
    `${WB}(?:nada (?:por )?escrito|apreton de manos|sin papeles de por medio|sin papeles)${WE}`,
    `${WB}(?:nichts schriftlich(?:es)?|per handschlag|mit handschlag)${WE}`,
    `${WB}${AR_PRE}(?:لا (?:اوراق|تسجيل)|بدون (?:اوراق|تسجيل)|لا شيء مكتوب|بالكلمه)`,
    `${WB}(?:non declare|non declaree|sans declaration|travail au noir|au black)${WE}`,
    `${WB}(?:ohne (?:anmeldung|sozialversicherung|lohnzettel)|schwarzarbeit|(?:klaren|regeln|vereinbaren|besprechen) wir mundlich|mundlich (?:geklart|geregelt|vereinbart))${WE}`,
    // "We don't write/sign/need contracts", in any language: the negation governs a contract verb.
    `${WB}(?:don't|dont|do not|never|no need to|won't|wont|will not) (?:write|sign|use|give|do|make|need|have|offer) (?:a |any |written )?(?:contracts?|paperwork)${WE}`,
    // The contract said to be absent after naming it: "einen schriftlichen Vertrag gibt es nicht", "de contrat, il n'y
    // en a pas", "contrato escrito no hay", "written contract? there isn't one", "العقد ما في".
    `${WB}(?:contracts?|contrats?|contratos?|vertrag|arbeitsvertrag)(?: (?:ecrit|escrito|written))?,? (?:[\\p{L}'-]+ ){0,1}(?:gibt es (?:bei uns )?(?:nicht|keinen)|existiert nicht|il n'y en a pas|n'existe pas|no hay|no existe|there isn't one|there is none)${WE}`,
    // Work not declared: "pas de déclaration", "ni CESU ni contrat", "sin declarar", "nicht angemeldet".
    `${WB}(?:(?:pas de|sans|aucune) declaration|ni (?:[\\p{L}'-]+ ){1,2}ni contrat|sin declarar|nicht angemeldet|no (?:declaramos|te damos de alta)|(?:we )?don'?t declare)${WE}`,
    `${WB}(?:ne (?:signons|faisons|donnons|redigeons|proposons) pas de contrat|pas besoin de contrat|on ne signe pas)${WE}`,
    `${WB}(?:no (?:firmamos|hacemos|damos|necesitamos|usamos) (?:ningun )?contratos?|no hace falta contrato)${WE}`,
    `${WB}(?:(?:machen|schreiben|unterschreiben|brauchen|geben) (?:wir )?(?:keine|keinen) (?:vertrage|vertrag|arbeitsvertrag))${WE}`,
    `${WB}${AR_PRE}(?:لا (?:نكتب|نوقع|نعطي|نعمل ب|نحتاج) (?:[\\p{L}]+ ){0,1}عقود?\\p{L}*)`,
    `${WB}(?:kein|keinen|ohne) (?:(?:schriftlichen|festen|richtigen|offiziellen) )?(?:vertrag|arbeitsvertrag)(?: notig| erforderlich)?${WE}`,
    `${WB}(?:mundlich(?:e|er|en)? (?:vereinbarung|absprache|vertrag|abmachung)|bar auf die hand|schwarzarbeit)${WE}`,
    `${WB}${AR_PRE}(?:لا يوجد عقد|بدون عقد|دون عقد|بلا عقد|شفهي|شفهيا|شفويا|شفوي|الاتفاق كلام|كلام بيننا|نقدا باليد)`,
    // No payslip at all: the pay is off the books ("pas de fiche de paie", "no payslip", "sin nómina", "keine
    // Lohnabrechnung", "بدون قسيمة راتب"); a payslip "sent by e-mail" or "each month" is none of these.
    `${WB}(?:de la main a la main|en liquide sans|(?:sans|pas de|aucune?) (?:fiches?|bulletins?) de (?:paie|salaire))${WE}`,
    `${WB}(?:pago en mano|en mano y sin|(?:sin|no hay|ninguna) (?:nominas?|recibos? de (?:sueldo|salario)))${WE}`,
    `${WB}(?:no|without) (?:pay ?slips?|pay stubs?|wage slips?)${WE}`,
    `${WB}(?:keine|ohne) (?:lohnabrechnung|gehaltsabrechnung|lohnzettel|lohnabrechnungen)${WE}`,
    `${WB}${AR_PRE}(?:بدون|بلا|دون|لا يوجد|لا توجد) (?:كشف|قسيمه|قسايم|ايصال) (?:ال)?(?:راتب|رواتب|اجر)`,
  ),
  'gu',
);

/** Papers "later": no written contract before the work starts (unless the same sentence says "before"). */
const PAPERS_LATER = new RegExp(
  any(
    `${WB}(?:everything|all (?:of it|the rest)) (?:is |gets |will be )?(?:sorted|arranged|settled|agreed) (?:[\\p{L}'-]+ ){0,6}(?:over there|out there|once (?:you're )?there|on arrival|when you arrive)${WE}`,
    `${WB}(?:tout|le reste) (?:se regle|se fait|se decide|sera regle|se negocie) (?:[\\p{L}'-]+ ){0,6}(?:la-bas|une fois la-bas|sur place|a l'arrivee|a votre arrivee)${WE}`,
    `${WB}(?:todo|lo demas) (?:se arregla|se resuelve|se decide|se negocia|se habla) (?:[\\p{L}'-]+ ){0,6}(?:alli|alla|una vez alli|al llegar|en destino|cuando llegues)${WE}`,
    `${WB}(?:alles (?:andere|weitere)?|der rest) (?:wird|klaren wir|regeln wir) (?:[\\p{L}'-]+ ){0,4}(?:vor ort|dort|bei ankunft|nach ankunft)${WE}`,
    `${WB}(?:paperwork|papers) (?:[\\p{L}'-]+ ){0,4}(?:later|afterwards|some other time)${WE}`,
    `${WB}(?:les )?(?:papiers|contrat) (?:[\\p{L}'-]+ ){0,3}plus tard${WE}`,
    `${WB}(?:los )?(?:papeles|contrato) (?:[\\p{L}'-]+ ){0,3}(?:mas adelante|mas tarde)${WE}`,
    `${WB}(?:papierkram|papiere) (?:[\\p{L}'-]+ ){0,3}(?:brauchen wir nicht|spater|danach|nachher)${WE}`,
    `${WB}${AR_PRE}(?:الاوراق|العقد) (?:\\p{L}+ ){0,3}(?:لاحقا|بعدين|فيما بعد)`,
  ),
  'gu',
);

/** When the worker gets or signs the contract: on or after arrival. */
const ON_ARRIVAL = new RegExp(
  any(
    `${WB}(?:on|upon|after) (?:your )?arrival${WE}`,
    `${WB}(?:when|once|after) you (?:arrive|get here|get there|land|come|reach)${WE}`,
    `${WB}(?:out there|over there|there on site|on site)${WE}`,
    `${WB}(?:on|upon|after) (?:arriving|landing)${WE}`,
    `${WB}a (?:votre |l'|leur )?arrivee${WE}`,
    `${WB}sur place${WE}`,
    `${WB}(?:des|apres) (?:votre |l')?arrivee${WE}`,
    `${WB}(?:une fois|quand vous serez|lorsque vous serez) (?:arrive|sur place|en france|au canada)${WE}`,
    `${WB}(?:a la llegada|al llegar|cuando llegues|cuando llegue|una vez (?:alli|aqui|en destino)|en destino|a tu llegada|a su llegada)${WE}`,
    `${WB}(?:nach (?:der |ihrer )?ankunft|bei (?:der |ihrer )?ankunft|vor ort|nach der einreise|nach einreise|wenn (?:du|sie|ihr) (?:angekommen|da) (?:bist|sind|seid))${WE}`,
    `${WB}${AR_PRE}(?:عند الوصول|بعد الوصول|عند وصول|بعد وصول|فور الوصول)`,
    // Once the work has begun: "after the first shift", "après la première journée", "tras el primer turno",
    // "nach der ersten Schicht", "بعد أول يوم عمل" (a contract then can no longer be refused).
    `${WB}(?:after|following) (?:your |the )?first (?:shift|day|days|week|night) (?:of work|on the job|at work)?${WE}`,
    `${WB}(?:once|after) you(?:'ve| have)? (?:started|start|begun|begin) (?:work|working)${WE}`,
    `${WB}(?:apres|des la fin de) (?:votre |la |le )?(?:premiere|premier) (?:journee|jour|semaine|service|poste|nuit)${WE}`,
    `${WB}(?:una vez (?:empezado|empezada|comenzado) el trabajo|(?:despues|tras) (?:del|de la|el|la) (?:primer|primera) (?:turno|dia|jornada|semana|noche))${WE}`,
    `${WB}(?:nach (?:der|dem|ihrer|ihrem) (?:ersten) (?:schicht|arbeitstag|tag|woche|nacht)|nach arbeitsbeginn|nach dem arbeitsbeginn)${WE}`,
    `${WB}${AR_PRE}بعد (?:اول|اولي) (?:يوم|ايام|اسبوع|ورديه|مناوبه)`,
    `${WB}${AR_PRE}بعد (?:بدء|بدايه|مباشره) (?:ال)?عمل`,
    // After the trial period: the worker has worked weeks or months without one ("le contrat de travail vous sera remis
    // à la fin de la période d'essai", "contract issued after the probation period", "nach der Probezeit").
    `${WB}(?:after|at the end of|following|once you (?:have )?(?:passed|completed)) (?:the |your |a )?(?:trial|probation|probationary) (?:period|months?|weeks?)?${WE}`,
    `${WB}(?:a la fin de|a l'issue de|au terme de|apres|des la fin de) (?:la |votre |sa )?periode d'essai${WE}`,
    `${WB}(?:al final del|al terminar el|tras el|despues del|una vez superado el|al acabar el) (?:su |tu )?periodo de prueba${WE}`,
    `${WB}(?:nach|am ende der|nach ablauf der|nach bestandener) (?:der |ihrer |deiner )?probezeit${WE}`,
    `${WB}${AR_PRE}(?:بعد|عند) (?:انتهاء |انقضاء |اجتياز )?(?:ال)?فتره (?:ال)?(?:تجربه|اختبار|تجريبيه)`,
  ),
  'gu',
);

/** Giving or signing (the contract is handed over or signed then). */
const GIVE_OR_SIGN = lex(
  [
    'given', 'handed', 'signed', 'sign', 'issued', 'provided', 'receive', 'received', 'get', 'sent', 'drawn up', 'done', 'sorted(?: out)?', 'arranged', 'dealt with',
    'remis', 'remise', 'signe', 'signee', 'signer', 'donne', 'etabli', 'recevrez', 'fourni', "s'arrange", 'arrange', 'regle', 'verra',
    'firma', 'firmara', 'firmaras', 'firmado', 'entrega', 'entregara', 'entregado', 'recibiras', 'recibira', 'hace', 'da',
    'erhalten', 'erhalt', 'erhaltst', 'erhaltet', 'unterschrieben', 'unterzeichnet', 'ausgehandigt', 'ausgestellt', 'gemacht', 'machen', 'unterschreiben', 'bekommen', 'bekommt', 'bekommst', 'kriegt', 'kriegen',
    'recevez', 'reciben', 'recibes', 'recibe',
  ],
  ['يوقع', 'توقيع', 'يعطي', 'يسلم', 'تسليم', 'يمنح', 'تحرير'],
);
const TRIAL = /(?:trial|probation|essai|prueba|probezeit|تجربه|اختبار|تجريبيه)/u;
const CONVERSION = /(?:permanent|indefinite|open-ended|cdi|indefinid[oa]|unbefristet\p{L}*|festanstellung|دائم)/u;
const BEFORE = /(?:before|prior to|avant|antes de|antes del|vor der|vor ihrer|vor dem|قبل)/u;

/**
 * "Sin papeles" about the person, not the job: undocumented ("¿llevas tiempo sin papeles?", "personas sin papeles",
 * "si estás sin papeles"). That is the worker's immigration status; it says nothing of the contract offered.
 */
const PERSON_WITHOUT_PAPERS = /(?:^|[^\p{L}])(?:(?:llevas|lleva|llevan|llevais|estas|esta|estan|estais|eres|quedaste|quedado|vives|vive|viven)(?:\s[\p{L}'-]+){0,4}|los|las|personas|gente|inmigrantes|migrantes|extranjeros)\s$/u;

export function contractRules(ft: FieldText): RuleHit[] {
  const out: RuleHit[] = [];
  for (const s of ft.sentences) {
    const t = s.text;
    const none = live(spans(NO_CONTRACT, t), t).filter((n) => !(n.text === 'sin papeles' && PERSON_WITHOUT_PAPERS.test(t.slice(Math.max(0, n.start - 40), n.start))));
    if (none.length) {
      out.push({ type: 'no-written-contract', severity: 'medium', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: `none:${none[0]!.text}` });
      continue;
    }
    const later = spans(PAPERS_LATER, t);
    if (later.length && !BEFORE.test(t)) {
      out.push({ type: 'no-written-contract', severity: 'medium', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: `later:${later[0]!.text}` });
      continue;
    }
    const contract = spans(CONTRACT, t);
    // "A permanent contract after the trial period" converts a contract the worker already has; it is not the first one.
    const arrival = spans(ON_ARRIVAL, t).filter((a) => !negatedAt(t, a.start) && !(TRIAL.test(a.text) && CONVERSION.test(t)));
    // The giving or signing must be about the contract, not a passport: "the passport is handed over on arrival …
    // for the duration of the contract" hands over a passport.
    const documents = spans(DOCUMENT_NOUN, t);
    const gap = (a: Span, b: Span) => Math.max(a.start, b.start) - Math.min(a.end, b.end);
    const nearest = (g: Span, xs: Span[]) => Math.min(Infinity, ...xs.map((x) => gap(g, x)));
    const give = spans(GIVE_OR_SIGN, t).filter((g) => nearest(g, contract) <= nearest(g, documents));
    // "Before" counts only around the contract and its arrival phrase ("the contract is signed before departure"), not
    // about another thing later in the sentence ("the farm's address is sent the day before you travel").
    let around = t;
    if (contract.length && arrival.length) {
      const from = Math.max(0, Math.min(contract[0]!.start, arrival[0]!.start) - 30);
      const end = Math.max(contract[0]!.end, arrival[0]!.end);
      // Up to the end of the clause: a comma closes what the "before" could be about.
      const stop = t.slice(end).search(/[,،]/u);
      around = t.slice(from, stop >= 0 ? end + Math.min(stop, 30) : end + 30);
    }
    if (contract.length && arrival.length && give.length && !BEFORE.test(around)) {
      out.push({ type: 'no-written-contract', severity: 'medium', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: `on-arrival:${arrival[0]!.text}` });
    }
  }
  return out;
}
