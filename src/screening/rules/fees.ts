// The worker pays: recruitment, placement, visa, training, medical or travel costs, directly or disguised as a
// deposit, a bond, a deduction from the first salaries or an agent's fee. And its sharpest form: a visa or a
// residence permit sold for money.
import { COST_OBJECT, EMPLOYER_PAYS, FEE_NOUN, FEE_PHRASE, FEE_SPECIFIC, PAY_TIMING, PAY_WORD, STATUS_NOUN, VISA_DEAL, VISA_NOUN, WORKER_PAYS } from '../lexicon.js';
import { findAmounts, periodAround } from '../money.js';
import { DEBT_BOND, liveBonds } from './movement.js';
import { hitSpan, live, livePayers, negatedAt, spans, type FieldText, type RuleHit, type Span } from './common.js';
import { AR_PRE, WB, WE, type Segment } from '../text.js';

const DEDUCTION = /(?:deduct|withh|held back|recover|prelev|retenu|deduit|rembourse sur|descuent|descont|restan?|dedu|abgezogen|einbehalten|verrechnet|ziehen|يخصم|تخصم|تستقطع|يستقطع|يقتطع)/u;

/** A deposit stays a deposit when it is "refundable" or "returned at the end": no employer-pays wording excuses it. */
const DEPOSIT = /(?:deposit|bond|caution|depot|fianza|deposito|kaution|anzahlung|تامين|عربون)/u;

const TENANCY = /(?:lease|tenancy|rental|landlord|staff housing|loyer|bail|locatif|alquiler|arrendamiento|mietkaution|mietvertrag|vermieter|ايجار|الموجر)/u;

/** Board and lodging: what a lawful deduction from pay may cover (not recruitment, travel or papers). */
const UPKEEP = /(?:accommodation|housing|lodging|caravan|room|rooms|board|meals?|logement|hebergement|chambre|repas|pension|alojamiento|vivienda|habitacion|manutencion|comidas?|unterkunft|zimmer|verpflegung|mahlzeiten|kost und logis|سكن|السكن|وجبات|الوجبات|طعام)/u;
/**
 * The deduction is stated as lawful and transparent: within the legal offset or cap, as the law or the collective
 * agreement allows, itemised on the payslip.
 */
const LAWFUL_DEDUCTION = new RegExp(
  [
    // Deducted only with the worker's written consent (and the housing optional): what the law asks of a deduction.
    `${WB}(?:(?:only )?with (?:your|the worker's|their|his|her) (?:prior |express |explicit )?(?:written )?(?:consent|authori[sz]ation|agreement)|avec (?:votre|son|leur) (?:accord|consentement|autorisation) (?:ecrite?|prealable|expresse?)|con (?:tu|su) (?:consentimiento|autorizacion|conformidad) (?:por escrito|expres[oa]|previ[oa])|(?:nur )?mit (?:ihrer|deiner|seiner|der) (?:schriftlichen |ausdrucklichen )?(?:zustimmung|einwilligung|genehmigung)|بموافقتك الكتابيه|بموافقه (?:العامل|الموظف) الكتابيه)${WE}`,
    `${WB}(?:legal|lawful|statutory|permitted|allowed by law|within the (?:legal |statutory )?(?:limit|cap|offset)|accommodation offset|as the law allows|in line with the law|on (?:your|the|each) payslips?|itemi[sz]ed|shown on (?:your |the )?payslip)${WE}`,
    `${WB}(?:legale?s?|conformement a la loi|dans la limite (?:legale|du plafond)|avantage en nature|fiche de paie|bulletin de (?:paie|salaire)|bareme (?:legal|urssaf))${WE}`,
    `${WB}(?:legal(?:es)?|segun (?:la ley|el convenio)|conforme a (?:la ley|convenio)|dentro de(?:l| lo que permite el)? (?:limite|convenio|ley)|en (?:la|tu|su) nomina|detallad[oa]s? en (?:la )?nomina|salario en especie)${WE}`,
    `${WB}(?:gesetzlich\\p{L}*|sachbezug\\p{L}*|lohnabrechnung|gehaltsabrechnung|laut tarifvertrag|transparent)${WE}`,
    `${WB}${AR_PRE}(?:وفق القانون|حسب القانون|وفقا للقانون|كشف الراتب|قسيمه الراتب)`,
  ].join('|'),
  'u',
);

/**
 * Moving to another employer or sponsor: "نقل الإقامة إلى كفيل آخر", "transfer of sponsorship", "changement
 * d'employeur", "cambio de empleador", "Arbeitgeberwechsel". The residence or the sponsorship named there is what the
 * worker would leave, not a cost of recruiting them (a sum due for it is restricted movement, see movement.ts).
 */
const CHANGE_OF_EMPLOYER = new RegExp(
  [
    `${WB}(?:transfer|change|switch|move)(?:ing)? (?:of |to )?(?:the |your |another |a new )?(?:sponsorship|sponsor|employer|visa sponsor|residence|iqama)s?${WE}`,
    `${WB}(?:sponsorship|sponsor|employer|iqama) (?:transfer|change)s?${WE}`,
    `${WB}(?:transfert|changement|changer) (?:de |du |d'|d'un )?(?:parrainage|sponsor|employeur|garant|titre de sejour)${WE}`,
    `${WB}(?:traspaso|cambio|transferencia|cambiar) (?:de |del |de la )?(?:patrocinio|patrocinador|empleador|empresa|permiso de residencia|residencia)${WE}`,
    `${WB}(?:arbeitgeberwechsel|wechsel (?:des|zum|zu einem anderen) (?:arbeitgebers?|sponsors?)|ubertragung (?:des|der) (?:aufenthaltstitels|sponsorschaft))${WE}`,
    `${WB}${AR_PRE}(?:نقل|تحويل|تغيير) (?:ال)?(?:اقامه|كفاله|كفيل)`,
  ].join('|'),
  'gu',
);

const SCHEDULE = /(?:schedules?|rotas?|rosters?|shifts?|planning|horaires?|plannings?|horarios?|cuadrantes?|turnos?|dienstplan\p{L}*|schichtplan\p{L}*|arbeitszeiten|جدول|الجدول|المناوبات)(?![\p{L}])/u;

/** Amounts that are prices (no pay period after them): fees and deposits, not wages. */
function prices(text: string): Span[] {
  return findAmounts(text)
    // A zero sum is no price ("you pay €0").
    .filter((a) => periodAround(text, a) === undefined && a.value > 0)
    .map((a) => ({ start: a.start, end: a.end, text: text.slice(a.start, a.end) }));
}

function feeInClause(ft: FieldText, clause: Segment): RuleHit | undefined {
  const t = clause.text;
  let payer = livePayers(spans(WORKER_PAYS, t), t);
  const phrase = live(spans(FEE_PHRASE, t), t);
  // The "charge" of "à votre charge", "at your own charge" is who bears a cost, not a money word of its own.
  const noun = live(spans(FEE_NOUN, t), t).filter((n) => !(/^charges?$/u.test(n.text) && payer.some((p) => n.start < p.end && p.start < n.end)));
  // A denied fee named just before the payer denies the payer too: "no recruitment fees on the worker", "aucun frais de
  // dossier pour le candidat", "لا توجد أي رسوم استقدام على العامل".
  const denied = [...spans(FEE_NOUN, t), ...spans(FEE_PHRASE, t)].filter((n) => negatedAt(t, n.start));
  payer = payer.filter((p) => !denied.some((n) => n.end <= p.start && p.start - n.end <= 40 && !/[,;:.]/.test(t.slice(n.end, p.start))));
  const moves = spans(CHANGE_OF_EMPLOYER, t);
  const object = live(spans(COST_OBJECT, t), t).filter((o) => !moves.some((m) => o.start < m.end && m.start < o.end));
  const blocked = live(spans(EMPLOYER_PAYS, t), t).length > 0;
  const amounts = prices(t);
  const hit = (tier: RuleHit['tier'], parts: Span[], cue: string): RuleHit => {
    const sp = hitSpan(clause, parts);
    return { type: 'worker-pays-fees', severity: 'high', tier, field: ft.field, start: sp.start, end: sp.end, cue };
  };
  // A worker-payer phrase ("deducted from your first salaries", "à la charge du candidat") with something paid for;
  // a deduction from pay counts with any amount, even a weekly or monthly one.
  // Board and lodging deducted from pay as the law allows, and said so, is not a recruitment fee: the deduction
  // counts only when it also pays for something else (a fee, a flight, a visa) in the same clause.
  if (payer.length && UPKEEP.test(t) && LAWFUL_DEDUCTION.test(t) && !phrase.length && !object.length) payer = payer.filter((p) => !DEDUCTION.test(p.text));
  // "Weekly pay of €450 by bank transfer": the channel the wage is paid through, not a payment by the worker.
  if (spans(PAY_WORD, t).length) payer = payer.filter((p) => !/^(?:via|by|through|par|por|per|uber) /u.test(p.text));
  const deduction = payer.some((p) => DEDUCTION.test(p.text));
  if (payer.length && (phrase.length || noun.length || object.length || amounts.length || (deduction && findAmounts(t).length))) {
    return hit('strong', [...payer, ...phrase, ...noun, ...object], `payer:${payer[0]!.text}`);
  }
  // "Payable before departure", "upfront": a payer cue when money is named in the clause.
  // "Horaires communiqués un mois à l'avance", "rota out two weeks in advance", "Dienstplan im Voraus": a schedule known
  // ahead, not a payment ahead.
  const timing = live(spans(PAY_TIMING, t), t).filter((x) => !SCHEDULE.test(t.slice(Math.max(0, x.start - 60), x.start)));
  if (timing.length && (phrase.length || noun.length || amounts.length) && !blocked) {
    return hit('strong', [...timing, ...phrase, ...noun, ...amounts], `timing:${timing[0]!.text}`);
  }
  // A tenancy's damage deposit is a matter between landlord and tenant, not a recruitment fee.
  const deposit = phrase.find((p) => DEPOSIT.test(p.text) && !TENANCY.test(t));
  if (deposit) return hit('strong', [deposit, ...amounts], `deposit:${deposit.text}`);
  if (blocked) return undefined;
  if (phrase.length) return hit('strong', [...phrase, ...amounts], `phrase:${phrase[0]!.text}`);
  // A fee, a commission, "frais", "Gebühr" with an amount: a charge to the reader, the worker.
  const specific = live(spans(FEE_SPECIFIC, t), t);
  if (specific.length && amounts.length && !spans(PAY_WORD, t).length) return hit('strong', [...specific, ...amounts], `fee-amount:${specific[0]!.text}`);
  // An amount next to a pay word is the wage ("base salary 1,400 € plus commission per vehicle"), not a fee.
  if (spans(PAY_WORD, t).length) return undefined;
  if (noun.length && object.length && amounts.length) return hit('strong', [...noun, ...object, ...amounts], `fee+object+amount:${noun[0]!.text}`);
  if (noun.length && amounts.length) return hit('weak', [...noun, ...amounts], `fee+amount:${noun[0]!.text}`);
  if (object.length && amounts.length) return hit('weak', [...object, ...amounts], `object+amount:${object[0]!.text}`);
  return undefined;
}

export function feeRules(ft: FieldText): RuleHit[] {
  const out: RuleHit[] = [];
  for (const s of ft.sentences) {
    const before = out.length;
    for (const c of s.clauses) {
      const h = feeInClause(ft, c);
      if (h) out.push(h);
    }
    if (out.length > before) continue;
    // A recruitment cost clawed back from a worker who leaves early ("the sailor who leaves before the 12 months repays
    // his air ticket", "bei Kündigung … werden Anreisekosten … verrechnet"): the worker bears the cost after all.
    const t = s.text;
    const bonds = liveBonds(t);
    if (bonds.length === 0) continue;
    const moves = spans(CHANGE_OF_EMPLOYER, t);
    const object = live(spans(COST_OBJECT, t), t).filter((o) => !moves.some((m) => o.start < m.end && m.start < o.end) && bonds.some((b) => o.start >= b.start - 20 && o.start <= b.end + 80));
    if (object.length === 0) continue;
    const sp = hitSpan(s, [bonds[0]!, object[0]!]);
    out.push({ type: 'worker-pays-fees', severity: 'high', tier: 'strong', field: ft.field, start: sp.start, end: sp.end, cue: `clawback:${object[0]!.text}` });
  }
  return out;
}

// A price named as such, for a deal whose price comes in the next sentence ("Tarif : 2 500 €", "Precio cerrado").
const PRICE_WORD = /(?:tarif|precio|preis|price|prix|cost|coste|costo|cuesta|cuestan|kostet|kosten|السعر|سعر|تكلفه|تكاليف|قيمه|forfait|paquete|package|paket|investment|investissement|inversion|retainer)/u;

/** "We organise / arrange / handle your visa": what an honest employer says too; it sells a visa only with a price. */
const ARRANGE = /(?:organi|arrang|handle|process|provide|sort|get|obtain|secure|tramit|gestion|conseguimos|sacamos|damos|obten|nous vous|nous (?:gerons|nous occupons)|kummern|erledigen|besorgen|beschaffen|erhalten|connect)/u;

/**
 * An intermediary obtaining the visa or permit for the worker: "notre cabinet vous obtient … visa", "te tramitamos el
 * permiso de trabajo", "besorgt Ihnen … Visum", "we get you your work permit", "نستخرج لك التأشيرة".
 */
const OBTAIN_FOR_YOU = new RegExp(
  [
    `${WB}(?:we (?:get|obtain|secure|process|arrange|handle) (?:you|your|for you)|(?:gets|obtains|secures|processes) (?:you|your|for you))${WE}`,
    `${WB}(?:vous (?:obtient|obtenons|procure|procurons|decroche|decrochons)|(?:obtient|obtenons|procurons) pour vous)${WE}`,
    `${WB}(?:te|le|les|os) (?:tramitamos|tramita|conseguimos|consigue|gestionamos|gestiona|sacamos|saca)${WE}`,
    `${WB}(?:besorgt|besorgen|beschafft|beschaffen|organisiert|organisieren) (?:ihnen|dir|euch)${WE}`,
    `${WB}${AR_PRE}(?:نستخرج لك|نستخرج لكم|نطلع لك|نجيب لك|نوفر لك|نوفر لكم)`,
  ].join('|'),
  'u',
);

/** A payment due when the visa or permit comes: the sum is the visa's price ("50% on visa approval", "le reste à l'obtention du visa"). */
const VISA_MILESTONE = new RegExp(
  [
    `${WB}(?:on|upon|after|at|when) (?:the |your )?(?:visa|cos|work permit|permit|residence permit) (?:is )?(?:approval|approved|issue|issued|grant|granted|stamping|stamped|arrives?)${WE}`,
    `${WB}(?:a|apres|des) l'(?:obtention|octroi|arrivee) (?:du |de (?:la |l'|votre ))?(?:visa|titre de sejour|permis|autorisation de travail)${WE}`,
    `${WB}(?:a la|tras la|con la|despues de la) (?:concesion|obtencion|llegada|aprobacion) (?:del|de la|de tu) (?:visado|visa|permiso|residencia|autorizacion)|cuando (?:salga|llegue|se conceda|se apruebe) (?:la resolucion|el visado|el permiso|la autorizacion|la residencia)${WE}`,
    `${WB}(?:bei|nach|mit) (?:der )?(?:visumserteilung|visumsausstellung|erteilung (?:des|der) (?:visums|arbeitserlaubnis|aufenthaltserlaubnis)|visumszusage)${WE}`,
    `${WB}${AR_PRE}(?:عند|بعد) (?:صدور|استلام|خروج) (?:ال)?(?:تاشيره|فيزا|اقامه|تصريح)`,
  ].join('|'),
  'u',
);

/**
 * A visa, a work permit or a residence card as a product: a visa word with a price and a deal word (guaranteed,
 * package, buy, "moyennant", "pagando", "مقابل") or a worker-payer phrase in the same sentence; or a deal offered
 * in one sentence and priced in the next.
 */
export function visaForPaymentRules(ft: FieldText): RuleHit[] {
  const out: RuleHit[] = [];
  const ss = ft.sentences;
  // The visa sold as a "placement" or "processing" sum without a visa word beside the price: a fee the worker pays
  // (as feeRules reads it, named as a fee or a price), due when the visa comes, or asked by whoever obtains the visa
  // for the worker up to three sentences before.
  const obtains = ss.map((x) => live(spans(VISA_NOUN, x.text), x.text).length > 0 && OBTAIN_FOR_YOU.test(x.text));
  for (let j = 0; j < ss.length; j++) {
    const s = ss[j]!;
    const t = s.text;
    if (live(spans(EMPLOYER_PAYS, t), t).length) continue;
    const named = live(spans(FEE_NOUN, t), t).length > 0 || spans(FEE_SPECIFIC, t).length > 0 || PRICE_WORD.test(t);
    const milestone = VISA_MILESTONE.test(t);
    if (!(named || milestone) || prices(t).length === 0) continue;
    const obtained = obtains.slice(Math.max(0, j - 3), j + 1).some(Boolean);
    if (!milestone && !obtained) continue;
    if (!s.clauses.some((c) => feeInClause(ft, c) !== undefined)) continue;
    out.push({ type: 'visa-for-payment', severity: 'high', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: milestone ? 'visa-milestone' : 'visa-obtained+fee' });
  }
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i]!;
    const t = s.text;
    const visa = live(spans(VISA_NOUN, t), t);
    if (visa.length === 0) continue;
    const payer = livePayers(spans(WORKER_PAYS, t), t);
    if (live(spans(EMPLOYER_PAYS, t), t).length > 0 && payer.length === 0) continue;
    const deal = live(spans(VISA_DEAL, t), t);
    const feeNoun = live(spans(FEE_NOUN, t), t);
    const amounts = prices(t);
    const cue = (x: Span | undefined) => `visa:${visa[0]!.text}+${x?.text ?? ''}`;
    // A visa fee charged to the worker is a fee; paying for sponsorship, a residence permit or the papers buys status.
    const status = live(spans(STATUS_NOUN, t), t);
    if (amounts.length && (deal.length || (payer.length && status.length))) {
      out.push({ type: 'visa-for-payment', severity: 'high', tier: 'strong', field: ft.field, start: s.start, end: s.end, cue: cue(deal[0] ?? payer[0]) });
      continue;
    }
    // A residence permit's cost repaid on leaving early is a clawback (a fee and a bond), not a visa sold.
    if (amounts.length && feeNoun.length && status.length && liveBonds(t).length === 0) {
      out.push({ type: 'visa-for-payment', severity: 'high', tier: 'weak', field: ft.field, start: s.start, end: s.end, cue: cue(feeNoun[0]) });
      continue;
    }
    // Offered in one sentence, priced in the next ("Tarif : 2 500 €", "Servicepauschale 6.500 €", "el paquete cuesta …");
    // a visa sold outright ("guaranteed", "package") may be priced one sentence further on.
    const sold = deal.filter((d) => !ARRANGE.test(d.text));
    for (const [k, next] of [ss[i + 1], ss[i + 2]].entries()) {
      if (!next || (k === 1 && sold.length === 0)) continue;
      const nextPayer = livePayers(spans(WORKER_PAYS, next.text), next.text);
      const priced = (PRICE_WORD.test(next.text) || spans(FEE_SPECIFIC, next.text).length > 0) && prices(next.text).length > 0;
      // "Whoever quits before 24 months repays the visa and travel": a clawback (a fee and a bond), not a visa sold,
      // unless the visa itself is offered as a product.
      if (priced && sold.length === 0 && spans(DEBT_BOND, next.text).length > 0) continue;
      if (priced && (deal.length || (k === 0 && nextPayer.length) || live(spans(VISA_DEAL, next.text), next.text).length)) {
        out.push({ type: 'visa-for-payment', severity: 'high', tier: 'strong', field: ft.field, start: s.start, end: next.end, cue: cue(deal[0] ?? nextPayer[0]) });
        break;
      }
    }
  }
  return out;
}
