// What each flag means, said plainly to the reader in en, fr, es, ar or de (the figures come from the flag's facts).
import type { FlagType, ScreeningFlag } from './types.js';

export const EXPLANATION_LANGUAGES = ['en', 'fr', 'es', 'ar', 'de'] as const;
export type ExplanationLanguage = (typeof EXPLANATION_LANGUAGES)[number];

type Facts = NonNullable<ScreeningFlag['facts']>;
type Template = (f: Facts) => string;

const num = (x: string | number | undefined, lang: ExplanationLanguage): string => {
  const n = typeof x === 'number' ? x : Number(x);
  if (!Number.isFinite(n)) return String(x ?? '');
  const locale = lang === 'ar' ? 'ar-u-nu-latn' : lang;
  return n.toLocaleString(locale, { maximumFractionDigits: 2 });
};

const T: Record<ExplanationLanguage, Record<FlagType, Template>> = {
  en: {
    'worker-pays-fees': () =>
      'The worker is asked to pay for the job: a fee, a deposit, travel, a visa, training or a medical check, or a deduction from wages to repay them. Under the employer-pays principle, workers pay no recruitment fees or related costs.',
    'documents-retained': () =>
      "Someone on the employer's side would keep the worker's passport or identity documents. Workers must keep their own documents; taking them is a sign of forced labour.",
    'below-minimum-wage': (f) =>
      `The pay, ${num(f.hourlyPay, 'en')} ${f.currency} an hour for ${num(f.hoursPerWeek, 'en')} hours a week${f.hoursAssumed ? ' (hours not stated, a standard week assumed)' : ''}, is below the statutory minimum of ${num(f.hourlyMinimum, 'en')} ${f.currency} an hour in ${f.jurisdiction} (in force since ${f.effectiveFrom}).`,
    'implausible-pay': (f) =>
      `The pay${f.hourlyPay !== undefined ? `, about ${num(f.hourlyPay, 'en')} ${f.currency} an hour (${num(f.timesMinimum, 'en')} times the minimum),` : ''} is far above what this kind of job usually pays. Offers that look too good to be true are a common lure.`,
    'excessive-hours': (f) =>
      `The working time is excessive or leaves no weekly rest${f.hoursPerWeek !== undefined ? ` (about ${num(f.hoursPerWeek, 'en')} hours a week)` : ''}.`,
    'no-written-contract': () =>
      'There is no written contract, or it is given only on arrival. A worker should receive and sign a written contract, in a language they understand, before travelling.',
    'vague-employer': () =>
      'The employer or the place of work is not named, is disclosed only later, or contact is only through a messaging app. Check who the employer is before travelling or paying anything.',
    'restricted-movement': () =>
      "The worker's freedom is restricted: going out only with permission or escorted, phones taken, or no leaving the job until a debt is repaid.",
    'visa-for-payment': () =>
      'A visa, a work permit or residence is offered in exchange for money. Genuine employers do not sell visas, sponsorship or job offers.',
  },
  fr: {
    'worker-pays-fees': () =>
      "On demande au travailleur de payer pour obtenir l'emploi : frais, caution, voyage, visa, formation ou visite médicale, ou une retenue sur salaire pour les rembourser. Selon le principe « l'employeur paie », le travailleur ne paie aucun frais de recrutement.",
    'documents-retained': () =>
      "L'employeur ou un intermédiaire garderait le passeport ou les papiers d'identité du travailleur. Chacun doit garder ses propres documents ; les confisquer est un indice de travail forcé.",
    'below-minimum-wage': (f) =>
      `La rémunération, ${num(f.hourlyPay, 'fr')} ${f.currency} de l'heure pour ${num(f.hoursPerWeek, 'fr')} heures par semaine${f.hoursAssumed ? ' (horaire non indiqué : semaine normale supposée)' : ''}, est inférieure au minimum légal de ${num(f.hourlyMinimum, 'fr')} ${f.currency} de l'heure (${f.jurisdiction}, en vigueur depuis le ${f.effectiveFrom}).`,
    'implausible-pay': (f) =>
      `La rémunération${f.hourlyPay !== undefined ? `, environ ${num(f.hourlyPay, 'fr')} ${f.currency} de l'heure (${num(f.timesMinimum, 'fr')} fois le minimum),` : ''} dépasse de loin ce que ce type d'emploi paie habituellement. Les offres trop belles pour être vraies sont un appât courant.`,
    'excessive-hours': (f) =>
      `La durée du travail est excessive ou ne laisse pas de repos hebdomadaire${f.hoursPerWeek !== undefined ? ` (environ ${num(f.hoursPerWeek, 'fr')} heures par semaine)` : ''}.`,
    'no-written-contract': () =>
      "Il n'y a pas de contrat écrit, ou il n'est remis qu'à l'arrivée. Le travailleur doit recevoir et signer un contrat écrit, dans une langue qu'il comprend, avant de partir.",
    'vague-employer': () =>
      "L'employeur ou le lieu de travail n'est pas nommé, n'est révélé que plus tard, ou le contact passe uniquement par une messagerie. Vérifiez qui est l'employeur avant de partir ou de payer quoi que ce soit.",
    'restricted-movement': () =>
      "La liberté du travailleur est restreinte : sorties seulement avec permission ou accompagnées, téléphones retirés, ou interdiction de quitter l'emploi avant d'avoir remboursé une dette.",
    'visa-for-payment': () =>
      "Un visa, un permis de travail ou un titre de séjour est proposé contre de l'argent. Les vrais employeurs ne vendent ni visas, ni parrainages, ni offres d'emploi.",
  },
  es: {
    'worker-pays-fees': () =>
      'Se pide al trabajador que pague por el empleo: una cuota, un depósito, el viaje, el visado, la formación o el examen médico, o un descuento del salario para devolverlos. Según el principio de que paga el empleador, el trabajador no paga gastos de contratación.',
    'documents-retained': () =>
      'El empleador o un intermediario se quedaría con el pasaporte o los documentos de identidad del trabajador. Cada persona debe conservar sus documentos; retenerlos es un indicio de trabajo forzoso.',
    'below-minimum-wage': (f) =>
      `El salario, ${num(f.hourlyPay, 'es')} ${f.currency} por hora para ${num(f.hoursPerWeek, 'es')} horas semanales${f.hoursAssumed ? ' (horario no indicado: se supone una semana normal)' : ''}, es inferior al mínimo legal de ${num(f.hourlyMinimum, 'es')} ${f.currency} por hora (${f.jurisdiction}, vigente desde el ${f.effectiveFrom}).`,
    'implausible-pay': (f) =>
      `El salario${f.hourlyPay !== undefined ? `, unos ${num(f.hourlyPay, 'es')} ${f.currency} por hora (${num(f.timesMinimum, 'es')} veces el mínimo),` : ''} supera con mucho lo que suele pagar este tipo de trabajo. Las ofertas demasiado buenas para ser verdad son un gancho habitual.`,
    'excessive-hours': (f) =>
      `La jornada es excesiva o no deja descanso semanal${f.hoursPerWeek !== undefined ? ` (unas ${num(f.hoursPerWeek, 'es')} horas semanales)` : ''}.`,
    'no-written-contract': () =>
      'No hay contrato por escrito, o solo se entrega a la llegada. El trabajador debe recibir y firmar un contrato escrito, en un idioma que entienda, antes de viajar.',
    'vague-employer': () =>
      'No se nombra al empleador o el lugar de trabajo, se revelan solo más tarde, o el contacto es solo por una aplicación de mensajería. Comprueba quién es el empleador antes de viajar o pagar nada.',
    'restricted-movement': () =>
      'Se restringe la libertad del trabajador: salir solo con permiso o acompañado, retirada del teléfono, o no poder dejar el trabajo hasta pagar una deuda.',
    'visa-for-payment': () =>
      'Se ofrece un visado, un permiso de trabajo o la residencia a cambio de dinero. Los empleadores de verdad no venden visados, patrocinios ni ofertas de trabajo.',
  },
  ar: {
    'worker-pays-fees': () =>
      'يطلب من العامل أن يدفع مقابل الوظيفة: رسوم أو تأمين أو تكاليف السفر أو التأشيرة أو التدريب أو الفحص الطبي، أو خصم من الراتب لسدادها. وفق مبدأ "صاحب العمل يدفع" لا يدفع العامل أي رسوم توظيف أو تكاليف مرتبطة بها.',
    'documents-retained': () =>
      'سيحتفظ صاحب العمل أو وسيط بجواز سفر العامل أو وثائق هويته. يجب أن يحتفظ كل عامل بوثائقه بنفسه؛ وحجزها من مؤشرات العمل الجبري.',
    'below-minimum-wage': (f) =>
      `الأجر، ${num(f.hourlyPay, 'ar')} ${f.currency} في الساعة مقابل ${num(f.hoursPerWeek, 'ar')} ساعة أسبوعيا${f.hoursAssumed ? ' (لم تذكر ساعات العمل فافترضنا أسبوعا عاديا)' : ''}، أقل من الحد الأدنى القانوني البالغ ${num(f.hourlyMinimum, 'ar')} ${f.currency} في الساعة (${f.jurisdiction}، ساري منذ ${f.effectiveFrom}).`,
    'implausible-pay': (f) =>
      `الأجر${f.hourlyPay !== undefined ? `، نحو ${num(f.hourlyPay, 'ar')} ${f.currency} في الساعة (${num(f.timesMinimum, 'ar')} أضعاف الحد الأدنى)،` : ''} أعلى بكثير مما يدفع عادة لمثل هذا العمل. العروض التي تبدو أجمل من أن تكون حقيقية طُعم شائع.`,
    'excessive-hours': (f) =>
      `ساعات العمل مفرطة أو لا تترك يوم راحة أسبوعيا${f.hoursPerWeek !== undefined ? ` (نحو ${num(f.hoursPerWeek, 'ar')} ساعة أسبوعيا)` : ''}.`,
    'no-written-contract': () =>
      'لا يوجد عقد مكتوب، أو لا يسلم العقد إلا عند الوصول. يجب أن يستلم العامل عقدا مكتوبا بلغة يفهمها ويوقعه قبل السفر.',
    'vague-employer': () =>
      'لم يذكر اسم صاحب العمل أو مكان العمل، أو لا يكشف عنهما إلا لاحقا، أو التواصل عبر تطبيق مراسلة فقط. تحقق من هوية صاحب العمل قبل السفر أو دفع أي مبلغ.',
    'restricted-movement': () =>
      'حرية العامل مقيدة: الخروج بإذن فقط أو برفقة، أو سحب الهاتف، أو منعه من ترك العمل قبل سداد دين.',
    'visa-for-payment': () =>
      'تعرض تأشيرة أو تصريح عمل أو إقامة مقابل المال. أصحاب العمل الحقيقيون لا يبيعون التأشيرات أو الكفالات أو عروض العمل.',
  },
  de: {
    'worker-pays-fees': () =>
      'Der Arbeitnehmer soll für die Stelle zahlen: eine Gebühr, eine Kaution, Reise, Visum, Schulung oder Untersuchung, oder einen Lohnabzug, um sie zurückzuzahlen. Nach dem Arbeitgeber-zahlt-Prinzip tragen Arbeitnehmer keine Anwerbegebühren oder -kosten.',
    'documents-retained': () =>
      'Der Arbeitgeber oder ein Vermittler würde den Pass oder die Ausweisdokumente des Arbeitnehmers behalten. Jeder behält seine Dokumente selbst; sie einzubehalten ist ein Anzeichen von Zwangsarbeit.',
    'below-minimum-wage': (f) =>
      `Der Lohn, ${num(f.hourlyPay, 'de')} ${f.currency} pro Stunde bei ${num(f.hoursPerWeek, 'de')} Wochenstunden${f.hoursAssumed ? ' (Arbeitszeit nicht angegeben, eine übliche Woche angenommen)' : ''}, liegt unter dem gesetzlichen Mindestlohn von ${num(f.hourlyMinimum, 'de')} ${f.currency} pro Stunde (${f.jurisdiction}, gültig seit ${f.effectiveFrom}).`,
    'implausible-pay': (f) =>
      `Der Lohn${f.hourlyPay !== undefined ? `, etwa ${num(f.hourlyPay, 'de')} ${f.currency} pro Stunde (das ${num(f.timesMinimum, 'de')}-fache des Mindestlohns),` : ''} liegt weit über dem, was solche Stellen üblicherweise zahlen. Angebote, die zu schön sind, um wahr zu sein, sind ein häufiger Köder.`,
    'excessive-hours': (f) =>
      `Die Arbeitszeit ist übermäßig oder lässt keine wöchentliche Ruhe${f.hoursPerWeek !== undefined ? ` (etwa ${num(f.hoursPerWeek, 'de')} Stunden pro Woche)` : ''}.`,
    'no-written-contract': () =>
      'Es gibt keinen schriftlichen Vertrag, oder er wird erst bei Ankunft ausgehändigt. Arbeitnehmer sollten vor der Reise einen schriftlichen Vertrag in einer Sprache, die sie verstehen, erhalten und unterschreiben.',
    'vague-employer': () =>
      'Der Arbeitgeber oder der Arbeitsort wird nicht genannt, erst später mitgeteilt, oder der Kontakt läuft nur über einen Messenger. Prüfen Sie, wer der Arbeitgeber ist, bevor Sie reisen oder etwas zahlen.',
    'restricted-movement': () =>
      'Die Freiheit des Arbeitnehmers ist eingeschränkt: Ausgang nur mit Erlaubnis oder in Begleitung, Handys eingezogen, oder kein Verlassen der Stelle, bevor eine Schuld abbezahlt ist.',
    'visa-for-payment': () =>
      'Ein Visum, eine Arbeitserlaubnis oder ein Aufenthaltstitel wird gegen Geld angeboten. Echte Arbeitgeber verkaufen keine Visa, Sponsorings oder Jobangebote.',
  },
};

export function explainFlag(flag: Pick<ScreeningFlag, 'type' | 'facts'>, lang: ExplanationLanguage): string {
  return T[lang][flag.type](flag.facts ?? {});
}
