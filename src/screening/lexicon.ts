// The vocabulary the rules read, in en/fr/es/de/ar, written for normalised text (lower case, no accents, Arabic
// folded: see text.ts). Each list names a role in a sentence (who pays, what is paid for, who keeps the passport …)
// rather than whole sentences, so that paraphrases and euphemisms combine the same roles in other words.
import { AR_PRE, WB, WE } from './text.js';

const any = (...parts: string[]) => `(?:${parts.join('|')})`;
/** A whole-word alternative list (a stem may end in \p{L}* to allow inflection and compounds). */
export const words = (...parts: string[]) => new RegExp(`${WB}${any(...parts)}${WE}`, 'gu');
/** Arabic words with optional proclitics and any suffix. */
const ar = (...parts: string[]) => `${WB}${AR_PRE}${any(...parts)}\\p{L}*`;
/** Mixed list: Latin-script alternatives as whole words, Arabic ones with clitics. */
export const lex = (latin: string[], arabic: string[] = []) =>
  new RegExp([latin.length ? `${WB}${any(...latin)}${WE}` : '', arabic.length ? ar(...arabic) : ''].filter(Boolean).join('|'), 'gu');

// ---------------------------------------------------------------- negation and employer-pays

// One place for negation, in three lists by where the word stands (all five languages):
// - NEGATOR: before a cue, within a few words ("no placement fee", "aucun frais", "لا يتحمل العامل");
// - VERB_NEGATOR: standing right before a verb or inside a payer phrase ("does not keep", "ne verse", "لا تحتفظ");
// - NEGATION_AFTER: a negative word right after a verb ("you pay no fee", "Sie zahlen keine", "behält nicht").
// Arabic negators are whole words with an optional و / ف (and ب / ل on عدم): "لمدة", "لندن", "بلاد", "لازم" are
// not negations (the old list took any word starting with لا, لم, لن, بلا as one).
const AR_NEG = (...xs: string[]) => `${WB}[وف]?(?:${xs.join('|')})${WE}`;

/** Words that negate what follows them within a few words. */
export const NEGATOR = new RegExp(
  [
    `${WB}${any(
      'no', 'not', "n't", 'never', 'none', 'nothing', 'nobody', 'no one', 'noone', 'without', 'neither', 'nor', 'zero',
      'ne', "n'", 'pas', 'jamais', 'aucune?s?', 'ni', 'sans', 'rien', 'personne', 'nul(?:le)?',
      'sin', 'nunca', 'ningun[oa]?s?', 'nada', 'nadie', 'tampoco', 'jamas',
      'kein(?:e|en|er|em|es)?', 'keinerlei', 'nicht', 'nie', 'niemals', 'nichts', 'niemand', 'ohne', 'weder',
    )}${WE}`,
    AR_NEG('لا', 'لن', 'ليس', 'ليست', 'ليسوا', 'بدون', 'دون', 'لم', 'بلا', '[بل]?عدم'),
    // The contracted "n't" inside its word: "we don't hold anyone's documents", "doesn't", "won't".
    `\\p{L}n't${WE}`,
  ].join('|'),
  'gu',
);

const VERB_NEGATOR_WORDS = ['not', 'never', 'ne', 'no', 'nunca', 'jamas', 'nicht', 'nie', 'kein(?:e|en|er)?', 'لا', 'لن', 'لم', 'ليس'];
/** A standalone negator (or n' / n't) in a verb phrase. */
export const VERB_NEGATOR = new RegExp(`(?:^|\\s)${any(...VERB_NEGATOR_WORDS)}(?=\\s|$)|(?:^|\\s)n'|n't(?!\\p{L})`, 'u');
/** A verb denied by a negator just before it, one word between at most ("does not keep", "ne garde", "لا تحتفظ"). */
export const DENIED_BEFORE = new RegExp(`(?:^|\\s)(?:${any(...VERB_NEGATOR_WORDS)}|n')\\s?(?:[\\p{L}'-]+\\s)?$`, 'u');
/** A negative word right after a verb or a payer phrase ("you pay no fee", "Sie zahlen keine", "behält nicht"). */
export const NEGATION_AFTER = new RegExp(
  `^\\s?${any('no', 'nothing', 'none', 'zero', 'not', 'never', 'keine?\\p{L}*', 'nichts', 'nicht', 'nie', 'niemals', 'aucune?s?', 'rien', 'pas', 'jamais', 'nada', 'nunca', 'ningun\\p{L}*')}(?![\\p{L}\\p{N}])`,
  'u',
);

/** The employer (or nobody) pays; the work is free for the worker. Cancels fee cues in the same clause. */
export const EMPLOYER_PAYS = new RegExp(
  any(
    // en
    `${WB}(?:paid|covered|borne|funded|reimbursed|refunded|met|arranged and paid|prepaid|financed|sponsored) (?:in full |fully |entirely )?by (?:the |your |our )?(?:employer|company|companies|us|farm|hotel|client|organisation|organization|firm|business|agency at no cost)${WE}`,
    `${WB}(?:we|employer|the employer|the company|company|our company|the farm|the hotel|the hospital|the clinic|the operator|the client|the sponsor|the owner) (?:will )?(?:also )?(?:fully )?(?:pay|pays|cover|covers|reimburse|reimburses|refund|refunds|fund|funds|bear|bears|meet|meets)${WE}`,
    `${WB}(?:billed|invoiced|charged) (?:directly )?to (?:the |our )?(?:employer|company|client|hospital|operator)${WE}`,
    `${WB}(?:the )?(?:employer's|company's|employers'|client's) (?:responsibility|cost|expense)${WE}`,
    // Handling or taking care of something is not paying for it ("guaranteed visa for £6,000, we handle everything"),
    // unless what is handled is the cost.
    `${WB}(?:we|employer|the employer|the company|company|our company|the farm|the hotel) (?:will )?(?:also )?(?:take care of|takes care of|handle|handles) (?:all |the |any |every |your )?(?:[\\p{L}'-]+ ){0,2}(?:costs?|fees?|expenses?|charges?|bills?)${WE}`,
    `${WB}(?:employer|company)[- ]paid${WE}`,
    // The employer as the subject of a coordinated verb: "the employer sponsors the visa and covers all recruitment costs".
    `${WB}(?:we|employer|the employer|the company|our company|the operator|the client|the hospital|the sponsor|the farm|the hotel) (?:[\\p{L}'-]+ ){1,8}and (?:also )?(?:covers?|bears?|meets?|funds?|reimburses?|refunds?|takes? care of|shoulders?|absorbs?|pays? (?:for|all|any|every)|pays? (?:the|your) (?:[\\p{L}'-]+ ){0,2}(?:costs?|fees?|visas?|flights?|tickets?|travel|medicals?|recruitment))${WE}`,
    `${WB}(?:we'll|we will|we) (?:also )?(?:pay for|shoulder|absorb)${WE}`,
    `${WB}(?:employer|the employer|the company|company) (?:shoulders|absorbs)${WE}`,
    `${WB}(?:paid for|picked up|footed) by (?:the |your |our )?(?:employer|company|us|client|hospital|operator)${WE}`,
    `${WB}(?:is|are|all|everything|costs?|fees?) on (?:us|the (?:company|employer|house))${WE}`,
    `${WB}at (?:no|zero) (?:cost|charge|expense)${WE}`,
    `${WB}free of (?:charge|cost)${WE}`,
    `${WB}(?:is|are|is completely|are completely|is entirely|are entirely|totally|completely|entirely) free${WE}`,
    `${WB}(?:costs?|fees?|expenses?|charges?) (?:are |is )?(?:fully |all )?(?:covered|paid|borne|reimbursed|refunded)${WE}`,
    `${WB}(?:no|never|nothing) (?:[\\p{L}'-]+ ){0,3}(?:charged|deducted|recovered|withheld|to pay)${WE}`,
    `${WB}(?:are|is|will be|get|gets) (?:[\\p{L}'-]+ ){0,2}(?:reimbursed|covered|paid for|paid back to you|refunded to you)${WE}`,
    `${WB}(?:never|will not|won't|do not|don't) (?:ask|charge|request|take)${WE}`,
    `${WB}(?:no|zero) (?:recruitment |placement |agency |visa |hidden |upfront |up-front )?(?:fees?|costs?|charges?|deposits?|payments?)${WE}`,
    // fr
    `${WB}(?:pris|prise|prises) en charge (?:[\\p{L}'-]+ ){0,2}par (?:l'|la |le |nous|notre)`,
    `${WB}a (?:la )?charge (?:de l'employeur|de l'entreprise|de la societe|de l'exploitation|de l'agence|du recruteur)`,
    `${WB}aux frais de (?:l'employeur|l'entreprise|la societe)`,
    `${WB}a (?:nos|notre) (?:frais|charge)${WE}`,
    `${WB}factur\\p{L}* (?:directement )?(?:a l'employeur|a l'entreprise|a la societe|au client|aux employeurs)${WE}`,
    `${WB}(?:l'employeur|l'entreprise|la societe|nous) (?:vous )?(?:les |la |le |l'|en |vous les )?(?:paie|paye|payons|reglons|supportons|supporte|se charge de|nous chargeons de|rembourse|remboursons|prend en charge|prenons en charge|finance|financons|offre|offrons|assume|assumons)${WE}`,
    `${WB}(?:gratuit|gratuite|gratuits|gratuites|gratuitement|sans frais|sans aucun frais|offert|offerts|offerte|offertes)${WE}`,
    `${WB}(?:sont|est|seront|sera) (?:[\\p{L}'-]+ ){0,2}(?:rembourses?|remboursees?|pris en charge|prises en charge|payes? par)${WE}`,
    `${WB}(?:aucun|pas de|jamais de|zero) (?:frais|cout|couts|caution|depot|commission)${WE}`,
    // es
    `${WB}(?:a|por) cargo de la (?:empresa|compania|agencia|cooperativa|finca|empleadora)${WE}`,
    `${WB}a cargo del (?:empleador|empresario|patron|contratante)${WE}`,
    `${WB}(?:a|por) cuenta (?:de la (?:empresa|compania|agencia|casa|cooperativa|naviera)|del (?:empleador|empresario|patron|armador|contratante)|nuestra)${WE}`,
    `${WB}(?:a nuestro cargo|a cargo nuestro|corre de nuestra cuenta)${WE}`,
    `${WB}(?:lo|la|los|las) (?:paga|cubre|asume|costea|abona|pagamos|cubrimos|asumimos|costeamos) (?:[\\p{L}'-]+ ){0,1}(?:la empresa|el empleador|el armador|la compania|nosotros)${WE}`,
    `${WB}(?:la empresa|el empleador|la compania|nosotros|la cooperativa|el empresario) (?:[\\p{L}'-]+ ){0,1}(?:paga|asume|asumimos|cubre|cubrimos|costea|financia|reembolsa|abona|se hace cargo)${WE}`,
    `${WB}(?:pagamos|cubrimos|asumimos|costeamos|reembolsamos)${WE}`,
    `${WB}(?:gratis|gratuito|gratuita|gratuitos|gratuitas|gratuitamente|sin costes?|sin costos?|sin cargo|sin coste alguno|sin ningun coste|sin ningun costo)${WE}`,
    `${WB}(?:corre|corren) a cargo de (?:la empresa|el empleador|nosotros)`,
    `${WB}(?:son|es|seran|sera|se) (?:[\\p{L}'-]+ ){0,1}(?:reembolsad[oa]s?|cubiert[oa]s?|reembolsa|reembolsan|pagad[oa]s? por la empresa)${WE}`,
    // de
    `${WB}(?:ubernimmt|ubernehmen|tragt|tragen|zahlt|zahlen|bezahlt|bezahlen|begleicht|begleichen|finanziert|finanzieren|erstattet|erstatten) (?:[\\p{L}'-]+ ){0,2}(?:der|die|das|unser|unsere|wir)? ?(?:arbeitgeber|firma|unternehmen|betrieb|klinik|hof|wir)${WE}`,
    `${WB}(?:der arbeitgeber|die firma|das unternehmen|wir|der betrieb) (?:[\\p{L}'-]+ ){0,2}(?:ubernimmt|ubernehmen|tragt|tragen|zahlt|zahlen|bezahlt|bezahlen|finanziert|finanzieren|erstattet|erstatten)${WE}`,
    `${WB}ubernahme der kosten${WE}`,
    `${WB}(?:auf|zu) (?:unsere|unseren) (?:kosten|rechnung|lasten)${WE}`,
    `${WB}von uns (?:[\\p{L}'-]+ ){0,1}(?:getragen|ubernommen|bezahlt|gezahlt|erstattet)${WE}`,
    `${WB}(?:dem|den) (?:arbeitgeber|kunden|betrieb|unternehmen) (?:[\\p{L}'-]+ ){0,1}in rechnung${WE}`,
    `${WB}(?:geht|gehen) (?:[\\p{L}'-]+ ){0,1}auf (?:uns|die firma|den arbeitgeber|das unternehmen)${WE}`,
    `${WB}(?:wird|werden) (?:[\\p{L}'-]+ ){0,3}(?:erstattet|ubernommen|bezahlt|gestellt)${WE}`,
    `${WB}(?:kostenlos|kostenfrei|gratis|unentgeltlich|gebuhrenfrei)${WE}`,
    `${WB}(?:keine|keinerlei|ohne) (?:[\\p{L}'-]+ ){0,1}(?:kosten|gebuhren|gebuhr|kaution|vermittlungsgebuhren?|provision)${WE}`,
    `${WB}(?:auf|zu) (?:kosten|lasten) (?:des|der) (?:arbeitgebers|firma|unternehmens)${WE}`,
    // ar
    `${WB}${AR_PRE}(?:علي|علي) (?:حساب|نفقه|عاتق) (?:ال)?(?:شركه|صاحب العمل|كفيل|موسسه|مصنع|فندق|مكتب)`,
    `${WB}${AR_PRE}(?:علي|علي) (?:ال)?(?:شركه|صاحب العمل)${WE}`,
    `${WB}${AR_PRE}(?:شركه|صاحب العمل|الشركه|نحن) (?:[\\p{L}'-]+ ){0,1}(?:تدفع|يدفع|تتحمل|يتحمل|تتكفل|يتكفل|ندفع|نتحمل|نتكفل)`,
    `${WB}${AR_PRE}(?:تدفع|يدفع|تتحمل|يتحمل|تتكفل|يتكفل)(?:ها|هم|ه)? (?:[\\p{L}]+ ){0,1}(?:ال)?(?:شركه|صاحب العمل|كفيل)`,
    `${WB}${AR_PRE}(?:علي|علي) (?:حسابنا|نفقتنا|عاتقنا)`,
    `${WB}${AR_PRE}(?:نتحمل|ندفع|نتكفل|نغطي)(?:ها|هم|ه)?${WE}`,
    `${WB}${AR_PRE}(?:مجانا|مجاني|مجانيه|مجاناً)${WE}`,
    `${WB}${AR_PRE}(?:بدون|بلا|دون) (?:اي )?(?:رسوم|مقابل|تكاليف|تكلفه)`,
  ),
  'gu',
);

/** The worker pays, or pays back: a cost is charged to, borne by, or deducted from the worker. */
export const WORKER_PAYS = new RegExp(
  any(
    // en
    `${WB}(?:paid|payable|borne|covered|charged|met) by (?:the )?(?:worker|workers|candidate|candidates|applicant|applicants|employee|employees|recruit|recruits|participant|participants|you)${WE}`,
    `${WB}charged to (?:the )?(?:worker|workers|candidate|candidates|applicant|applicants|employee|employees|you)${WE}`,
    `${WB}at (?:your|the worker's|the workers'|the candidate's|the applicant's|their) (?:own )?(?:expense|cost|charge)${WE}`,
    `${WB}(?:you|workers?|candidates?|applicants?|recruits?|participants?|employees?|successful candidates|each worker|each candidate) (?:(?:will|must|shall|should|need|needs|to|have|has|are|is|required|also|then|first|only|each|all|be|themselves|yourself|'ll) ){0,4}(?:pay|pays|contribute|contributes|cover|covers|bear|bears|transfer|transfers|send|sends|deposit|deposits|reimburse|reimburses|repay|repays)${WE}`,
    `${WB}(?:responsible|liable) for (?:their|your|his|her) own${WE}`,
    `${WB}(?:deducted|deduction|deductions|recovered|withheld|taken|repaid|recouped|clawed back|docked|subtracted) (?:[\\p{L}'-]+ ){0,6}(?:from|out of|against) (?:[\\p{L}'-]+ ){0,4}(?:wages?|salary|salaries|pay|paycheck|paychecks|pay packets?|earnings|payslip)${WE}`,
    `${WB}(?:repaid|recovered) from (?:your |their )?(?:wages?|salary|pay)${WE}`,
    `${WB}(?:repay|repaying|pay back|paying back|reimburse|reimbursing) (?:the|an|any|this|that|your|their) (?:advance|loan|debt)${WE}`,
    `${WB}(?:rembourser|rembourse|remboursement de) (?:l'|la |le |les |cette |votre )?(?:avance|dette|pret)${WE}`,
    `${WB}(?:devolver|devuelva|saldar|pagar) (?:el|la|tu|su) (?:adelanto|anticipo|prestamo|deuda)${WE}`,
    `${WB}(?:den |die |das )?(?:vorschuss|darlehen|schulden) (?:[\\p{L}'-]+ ){0,2}(?:zuruckzahlen|zuruckgezahlt|abbezahlen|abarbeiten)${WE}`,
    `${WB}payable (?:before|on|upon|at|in advance|when|within)${WE}`,
    `${WB}(?:due|to be paid) (?:on|upon|at|before|when)${WE}`,
    `${WB}(?:to )?(?:secure|secures|reserve|reserves|book|books|hold|holds|confirm|confirms|activate|activates|guarantee|guarantees) (?:your|a|the|their) (?:place|spot|seat|position|job|slot|contract)${WE}`,
    `${WB}(?:send|transfer|wire) (?:us |the )?(?:[\\p{L}'-]+ ){0,2}(?:payment|money|fee|amount|deposit)${WE}`,
    `${WB}(?:in exchange for|upon payment of|on payment of|after payment of)${WE}`,
    `${WB}(?:we|the agency|our agency|the recruiter) (?:only )?charges? (?:you |candidates |applicants |workers )?(?:a|an|the|our)?${WE}`,
    `${WB}(?:nous facturons|l'agence facture|cobramos|la agencia cobra|berechnen wir|wir berechnen|نتقاضي)${WE}`,
    `${WB}(?:paid|payable|borne|covered|met|charged) by (?:the|a|each|every) (?!employer|company|farm|hotel|client|agency|recruiter|us${WE})[\\p{L}-]+${WE}`,
    `${WB}(?:work off|working off|paid off by working|repaid by working)${WE}`,
    `${WB}(?:candidates?|applicants?|workers?|participants?|you) (?:[\\p{L}'-]+ ){0,2}(?:invest|invests|pay for|fund)${WE}`,
    `${WB}(?:payment plans?|instalment plans?|pay in (?:two|three|\\d) (?:parts|instalments|installments))${WE}`,
    `${WB}(?:wages?|salary|salaries|pay) (?:[\\p{L}'-]+ ){0,4}(?:held back|withheld|retained|kept back) (?:by|until|against|for)${WE}`,
    `${WB}(?:costs?|will cost) (?:you|candidates|applicants|the worker|each worker|participants)${WE}`,
    `${WB}(?:via|by|through|par|por|per|uber) (?:western union|moneygram|orange money|mobile money|m-?pesa|wave|ria|remitly|wise|paypal|bank transfer|virement|transferencia|uberweisung)${WE}`,
    `${WB}(?:invoiced|billed|charged) (?:\\p{L}+ ){0,2}(?:to )?(?:you|the worker|the candidate|each worker)${WE}`,
    `${WB}(?:pre-?financed|advanced to you|we advance|we lend|loan(?:ed)? to you|on credit)${WE}`,
    `${WB}(?:repayments?|instalments?|installments?) (?:\\p{L}+ ){0,6}(?:from|out of|on) (?:\\p{L}+ ){0,4}(?:wages?|salary|salaries|pay|payslips?|paychecks?|pay packets?|earnings)${WE}`,
    `${WB}(?:agent|agency|intermediary|broker|middleman|recruiter|partner|office)s? (?:\\p{L}+ ){0,4}(?:charges?|collects?|takes?|asks? for|receives?) (?:\\p{L}+ ){0,3}(?:fee|fees|commission|payment|money|amount)${WE}`,
    // fr
    `${WB}a (?:la |votre |sa |leur )?charge (?:du|des|de la|de l') ?(?:travailleur|travailleurs|candidat|candidats|candidate|salarie|salaries|postulant|postulants|beneficiaire|participant)s?${WE}`,
    `${WB}a votre charge${WE}`,
    `${WB}a vos (?:propres )?frais${WE}`,
    `${WB}a (?:regler|payer|verser|acquitter)${WE}`,
    `${WB}(?:payable|payables|exigible|exigibles) (?:a|avant|des|lors)${WE}`,
    `${WB}(?:retenue?s?|deduite?s?|prelevee?s?|defalquee?s?|recuperee?s?|rembourse(?:e|es|s)?|imputee?s?) (?:[\\p{L}'-]+ ){0,4}sur (?:[\\p{L}'-]+ ){0,4}(?:salaires?|paie|paye|remuneration|solde)${WE}`,
    `${WB}(?:le|la|les|chaque) (?:candidat|candidate|travailleur|salarie|postulant)s? (?:[\\p{L}'-]+ ){0,2}(?:paie|paye|paient|payent|regle|reglent|verse|versent|doit payer|doivent payer|doit verser|doivent verser|rembourse|remboursent|prend en charge)${WE}`,
    `${WB}vous (?:devez|devrez|devrez|aurez a) (?:[\\p{L}'-]+ ){0,1}(?:payer|regler|verser|avancer|rembourser)${WE}`,
    // "Envoyez votre CV" sends an application, not money.
    `${WB}(?:versez|reglez|payez|envoyez(?!(?:-(?:nous|moi)| (?:nous|moi))? (?:(?:votre|vos|un|une|le|la|les|nous) )?(?:cv|candidature|candidatures|lettre|lettres|dossier de candidature|photo|photos|message|mail|e-mail|email|courriel|sms|curriculum|coordonnees)${WE}))${WE}`,
    `${WB}moyennant${WE}`,
    `${WB}(?:pour|afin de) (?:reserver|garantir|bloquer|confirmer|securiser) (?:votre|sa|une) (?:place|poste|inscription|contrat)${WE}`,
    `${WB}participation (?:aux|a vos) frais${WE}`,
    `${WB}(?:apres|contre|des|apres le|sur) (?:le )?paiement${WE}`,
    `${WB}(?:vous (?:seront|sera|est|sont) factur\\p{L}*|facture(?:e|s|es)? (?:au|aux|a l'|a la) (?:travailleur|candidat|salarie|postulant|saisonnier)s?)${WE}`,
    `${WB}(?:est|sont|sera|seront) facture(?:e|s|es)?${WE}(?! (?:directement )?(?:a l'employeur|a l'entreprise|a la societe|au client|aux employeurs))`,
    `${WB}(?:se rembourse(?:ra)?|se remboursent|rembourse(?:e|es)?) sur (?:[\\p{L}'-]+ ){0,3}(?:mois|salaires?|paies?|payes?)${WE}`,
    `${WB}(?:coute|couteront|coutera) (?:aux?|a la|a vous) (?:[\\p{L}'-]+ ){0,1}(?:candidats?|travailleurs?|participants?|vous)?${WE}`,
    `${WB}(?:en (?:deux|trois|plusieurs|\\d) (?:fois|versements|mensualites))${WE}`,
    `${WB}(?:vous payez|vous paierez|tu paies|tu paieras|vous versez|vous reglez|rembourser en travaillant)${WE}`,
    `${WB}(?:le|la|les|chaque) (?:saisonnier|saisonniere|ouvrier|ouvriere|employe|employee|beneficiaire|stagiaire|recrue)s? (?:\\p{L}+ ){0,2}(?:paie|paye|paient|payent|verse|versent|regle|reglent|finance|financent|avance|avancent)${WE}`,
    `${WB}(?:prefinance|prefinances|prefinancee|avance par|avances par|pret (?:de|sans)|remboursable(?:s)? (?:sur|par) (?:le |votre )?salaire)${WE}`,
    `${WB}(?:intermediaire|agence|cabinet|bureau|recruteur|passeur|partenaire)s? (?:\\p{L}+ ){0,4}(?:prend|prennent|percoit|percoivent|facture|facturent|demande|demandent|reclame|reclament|touche|touchent) (?:\\p{L}+ ){0,3}(?:frais|commission|somme|montant|honoraires)${WE}`,
    // es
    `${WB}(?:a|por) (?:cargo|cuenta) del? (?:trabajador|trabajadora|candidato|candidata|postulante|aspirante|interesado|empleado|solicitante)e?s?${WE}`,
    `${WB}(?:corre|corren) con (?:los|todos los) gastos${WE}`,
    `${WB}(?:el|la|los|las|cada) (?:candidato|candidata|trabajador|trabajadora|postulante|aspirante|interesado)s? (?:[\\p{L}'-]+ ){0,2}(?:paga|pagan|abona|abonan|debe pagar|deben pagar|asume|asumen|corre|corren|costea|costean)${WE}`,
    `${WB}se (?:descontara|descuenta|descontaran|descuentan|deducira|deduce|deduciran|retendra|retiene|cobrara) (?:[\\p{L}\\p{N}\\p{Sc}.,'-]+ ){0,3}(?:del|de su|de tu|de los) (?:[\\p{L}'-]+ ){0,2}(?:sueldo|salario|nomina|pago|sueldos|salarios)${WE}`,
    `${WB}(?:descontad[oa]s?|deducid[oa]s?) (?:[\\p{L}'-]+ ){0,2}(?:del|de su|de tu) (?:sueldo|salario|nomina)${WE}`,
    `${WB}(?:debes|debe|deberas|debera|tienes que|tiene que|hay que|necesitas|necesita|solo necesitas) (?:[\\p{L}'-]+ ){0,1}(?:pagar|abonar|depositar|hacer un deposito|transferir|enviar|ingresar|cubrir|costear|asumir|sufragar)${WE}`,
    `${WB}(?:le|te|les) cuesta(?:n)? (?:al|a los|a la|a las) (?:candidat|trabajador|participante|aspirante)\\p{L}*${WE}`,
    `${WB}(?:en (?:dos|tres|varios|\\d) (?:plazos|pagos|cuotas))${WE}`,
    `${WB}(?:pagando|previo pago|tras el pago|mediante (?:el )?pago|abonando)${WE}`,
    `${WB}para (?:reservar|asegurar|garantizar|confirmar|activar) (?:tu|su|la|una) (?:plaza|puesto|contratacion|lugar|contrato)${WE}`,
    `${WB}se paga(?:n)? trabajando${WE}`,
    `${WB}(?:el|la|los|las|cada) (?:tripulante|temporero|temporera|jornalero|jornalera|operario|operaria|empleado|empleada|becario|participante)s? (?:\\p{L}+ ){0,2}(?:paga|pagan|abona|abonan|costea|costean|asume|asumen|corre|corren|sufraga|sufragan|cubre|cubren|deposita|depositan)${WE}`,
    `${WB}(?:te adelantamos|le adelantamos|adelantamos|te prestamos|prestamo|financiamos)${WE}`,
    `${WB}(?:(?<!(?:\\d|\\bx|dos|doce|catorce|quince|dieciseis) )pagas(?! (?:extra|extras|extraordinarias|prorrateadas|anuales|dobles)${WE})|pagaras|abonas|abonaras|se factura|se facturan|se restan?|se descuentan?|se cobran?) (?:[\\p{L}'-]+ ){0,6}(?:de lo que cobras|de tu (?:sueldo|salario|paga)|del (?:sueldo|salario)|al trabajador|a ti)?${WE}`,
    `${WB}(?:solicita|solicitan|exige|exigen|pide|piden) (?:una|un) (?:aportacion|pago|deposito|cuota|comision)${WE}`,
    `${WB}(?:intermediario|agencia|agente|gestor|captador|enganchador|reclutador|oficina)s? (?:\\p{L}+ ){0,4}(?:cobra|cobran|pide|piden|se queda con|recibe|reciben) (?:\\p{L}+ ){0,3}(?:comision|cuota|dinero|tarifa|pago|honorarios|cantidad)${WE}`,
    // de
    `${WB}(?:vom|von der|von den|vom der) (?:bewerber|bewerberin|bewerbenden|arbeitnehmer|arbeitnehmerin|kandidaten|kandidatin|teilnehmer|teilnehmerin|beschaftigten|mitarbeiter|mitarbeiterin)(?:innen|n)? (?:[\\p{L}'-]+ ){0,2}(?:zu tragen|zu zahlen|zu bezahlen|zu ubernehmen|getragen|bezahlt|gezahlt)${WE}`,
    `${WB}(?:auf eigene kosten|selbst zu tragen|selbst zu zahlen|selbst zu bezahlen|selber zu zahlen|selbst tragen|selbst zahlen|selbst bezahlen)${WE}`,
    `${WB}(?:vom|von ihrem|vom ersten|von den ersten|mit dem|mit ihrem) (?:[\\p{L}'-]+ ){0,3}(?:lohn|gehalt|verdienst|lohnen|gehaltern) (?:[\\p{L}'-]+ ){0,3}(?:abgezogen|einbehalten|verrechnet|abgezogen werden)${WE}`,
    `${WB}(?:abgezogen|einbehalten|verrechnet) (?:[\\p{L}'-]+ ){0,2}(?:vom|von ihrem) (?:lohn|gehalt)${WE}`,
    `${WB}(?:zahlbar|fallig|zu zahlen|zu uberweisen|zu hinterlegen|zu entrichten|zu begleichen)${WE}`,
    `${WB}(?:sie zahlen|sie bezahlen|sie uberweisen|zahlen sie|uberweisen sie|sie tragen)${WE}`,
    `${WB}(?:zuruckzahlen|zuruckerstatten|ruckzahlung|zuruckgezahlt werden muss|erstatten muss)${WE}`,
    `${WB}gegen (?:eine )?(?:gebuhr|zahlung|bezahlung|entgelt)${WE}`,
    `${WB}(?:platz|stelle|vertrag) (?:[\\p{L}'-]+ ){0,1}(?:sichern|reservieren)${WE}`,
    `${WB}(?:mit (?:ihrem|dem|deinem) (?:lohn|gehalt|verdienst) verrechnet|vom (?:lohn|gehalt) einbehalten|(?:lohn|gehalt) (?:\\p{L}+ ){0,2}verrechnet)${WE}`,
    `${WB}(?:vorfinanziert|vorfinanzieren|vorgestreckt|vorstrecken|darlehen|ratenzahlung|monatsraten|in raten)${WE}`,
    `${WB}(?:strecken wir vor|streckt (?:die firma |der arbeitgeber )?vor|abgearbeitet|abarbeiten|in rechnung gestellt|kostet sie|kosten sie|zahlbar in raten)${WE}`,
    `${WB}(?:ziehen|zieht) (?:wir |die firma |der arbeitgeber )?(?:[^.;!?]){0,60}(?:vom|von ihrem|vom ersten|von den ersten) (?:[\\p{L}'-]+ ){0,2}(?:lohn|gehalt|lohnen|gehaltern) ab${WE}`,
    `${WB}kostet (?:sie|dich|ihnen|die|den) (?:[\\p{L}'-]+ ){0,1}(?:teilnehmenden|teilnehmer|bewerber|bewerberinnen|arbeitnehmer|kandidaten)?${WE}`,
    `${WB}(?:vermittler|agentur|partner|buro|anwerber)s? (?:\\p{L}+ ){0,4}(?:verlangt|verlangen|kassiert|kassieren|berechnet|berechnen|nimmt|nehmen) (?:\\p{L}+ ){0,3}(?:gebuhr|provision|pauschale|geld|betrag)${WE}`,
    // ar
    `${WB}${AR_PRE}(?:علي|علي) (?:حساب|نفقه|عاتق) (?:ال)?(?:عامل|متقدم|مرشح|موظف|عماله)`,
    `${WB}${AR_PRE}(?:علي|علي) (?:ال)?(?:عامل|متقدم|مرشح|موظف)${WE}`,
    `${WB}${AR_PRE}(?:يتحمل|يتحملها|تتحمل|يدفع|يدفعها|يدفعون|يسدد|يسددها) (?:ال)?(?:عامل|متقدم|مرشح|موظف|عمال)`,
    `${WB}${AR_PRE}(?:علي|علي) (?:ال)?(?:متقدم|عامل|مرشح) (?:تحمل|دفع|سداد)`,
    `${WB}${AR_PRE}(?:يخصم|تخصم|يقتطع|تقتطع|خصم|يستقطع|تستقطع)${WE}`,
    `${WB}${AR_PRE}(?:ادفع|ادفعوا|حول|حولوا|ارسل المبلغ|تدفع قبل|يدفع قبل)${WE}`,
    `${WB}${AR_PRE}(?:سداد|تسديد) (?:كامل |كافه )?(?:ال)?(?:تكاليف|مبلغ|دين|ديون|رسوم|قرض|سلفه)`,
    `${WB}${AR_PRE}مقابل (?:مبلغ|دفع|رسوم)`,
    `${WB}${AR_PRE}(?:سلفه|قرض|اقساط|بالتقسيط)`,
    `${WB}${AR_PRE}(?:يجب|عليك|يلزم|يشترط) (?:[\\p{L}]+ ){0,1}(?:تحويل|ايداع|دفع|سداد|ارسال)`,
    `${WB}${AR_PRE}(?:يسدد|تسدد|يدفع|تدفع) (?:[\\p{L}]+ ){0,6}من (?:ال)?راتب`,
    `${WB}${AR_PRE}(?:علي دفعتين|علي اقساط|علي ثلاث دفعات|بالتقسيط|عبر الحواله|بالحواله|حواله)`,
    `${WB}${AR_PRE}(?:يخصم|تخصم|تستقطع|يستقطع) من (?:ال)?(?:مستحقات|راتب|اجر|الاجر)`,
    `${WB}${AR_PRE}(?:المكتب|الوكيل|السمسار|الوسيط|الوكاله) (?:[\\p{L}]+ ){0,4}(?:يتقاضي|ياخذ|يطلب|يحصل)`,
    // A cost spread over the first wages in instalments: "تُقسط على الراتب", "spread over your first six pay packets",
    // "étalés sur vos premiers salaires", "fraccionado en las primeras nóminas", "auf die ersten Löhne verteilt" (a
    // salary "repartido en 14 pagas" or "verteilt auf 13 Gehälter" is the wage itself: the first pays are named).
    `${WB}${AR_PRE}(?:تقسط|يقسط|تقسيط|مقسطه|مقسط)\\p{L}* (?:[\\p{L}]+ ){0,1}(?:علي|من) (?:[\\p{L}]+ ){0,1}(?:ال)?(?:راتب|رواتب|اجر|اجور|مستحقات)`,
    `${WB}(?:spread|split|divided|staggered|recovered) (?:[\\p{L}'-]+ ){0,2}(?:over|across|between|from) (?:your |the |their )?first (?:[\\p{L}\\p{N}-]+ )?(?:wages?|pay ?packets?|salaries|paychecks?|payslips?|pay ?days|months' (?:pay|wages|salary))${WE}`,
    `${WB}(?:etale|etalee|etales|etalees|reparti|repartie|repartis|reparties|echelonne|echelonnee|echelonnes|echelonnees) (?:[\\p{L}'-]+ ){0,2}sur (?:les |vos |leurs |ses |votre )?(?:[\\p{L}\\p{N}-]+ )?(?:premiers?|premieres?) (?:[\\p{L}\\p{N}-]+ )?(?:salaires?|paies|payes|mois de salaire|bulletins de paie|fiches de paie)${WE}`,
    `${WB}(?:(?:fraccionad|aplazad|repartid|prorratead)[oa]s?|se (?:fracciona|fraccionan|prorratea|prorratean|reparte|reparten)) (?:[\\p{L}'-]+ ){0,2}(?:en|entre) (?:las |los |tus |sus )?primer[oa]s (?:[\\p{L}\\p{N}-]+ )?(?:nominas|sueldos|salarios|pagas|mensualidades)${WE}`,
    `${WB}(?:verteilt|aufgeteilt|gestaffelt|umgelegt) (?:[\\p{L}'-]+ ){0,2}(?:auf|uber) (?:die |ihre |deine |seine )?ersten (?:[\\p{L}\\p{N}-]+ )?(?:lohne|gehalter|lohnabrechnungen|monatslohne|monatsgehalter|lohnzahlungen)${WE}`,
    `${WB}(?:auf|uber) (?:die |ihre |deine |seine )?ersten (?:[\\p{L}\\p{N}-]+ )?(?:lohne|gehalter|lohnabrechnungen|monatslohne|monatsgehalter|lohnzahlungen) (?:verteilt|aufgeteilt|gestaffelt|umgelegt)${WE}`,
  ),
  'gu',
);

/** When the money is due: before travelling, upfront. A payer cue only next to a fee word or an amount. */
export const PAY_TIMING = new RegExp(
  any(
    `${WB}(?:upfront|up-front|up front|in advance|before (?:you )?(?:travel|travelling|leave|leaving|fly|flying|start|starting|departure))${WE}`,
    `${WB}(?:a l'avance|d'avance|avant (?:le |votre )?depart|avant de partir|a l'inscription|a la signature)${WE}`,
    `${WB}(?:pagaderos?|pagaderas?|a pagar|se abona|se abonan|por adelantado|antes de (?:salir|viajar|embarcar|partir)|al (?:iniciar|firmar|inscribirte))${WE}`,
    `${WB}(?:im voraus|vorab|vor (?:der )?(?:abreise|ausreise|einreise|anreise)|bei (?:anmeldung|vertragsabschluss))${WE}`,
    `${WB}${AR_PRE}(?:مقدما|مسبقا|قبل السفر|قبل المغادره|عند التسجيل)`,
  ),
  'gu',
);

// ---------------------------------------------------------------- what is paid for

/** Words that name a charge to someone (not a cost in general): with an amount and no employer-pays wording, a fee. */
export const FEE_SPECIFIC = lex(
  [
    '[\\p{L}-]*fees?', 'deposits?', 'bonds?', 'brokerage', 'retainer', 'consultancy', 'consulting fee', 'frais', 'caution', 'honoraires', 'cuotas?', 'honorarios', 'fianzas?', 'depositos?', 'matriculas?',
    '\\p{L}*gebuhr(?:en)?', '\\p{L}*pauschale', 'provision(?:en)?', 'kaution(?:en)?', 'honorar(?:e)?', 'anzahlung(?:en)?',
  ],
  ['رسوم', 'عربون', 'اتعاب'],
);

/** Money words: a fee, a cost, a deposit, a payment. */
export const FEE_NOUN = lex(
  [
    'fees?', 'costs?', 'charges?', 'payments?', 'deposits?', 'bonds?', 'commissions?', 'contributions?', 'levy', 'levies', 'surcharges?', 'instalments?', 'installments?',
    'frais', 'couts?', 'caution', 'cautions', 'depots?', 'acomptes?', 'cotisations?', 'forfaits?', 'montants?', 'sommes?', 'paiements?', 'versements?', 'avances?', 'tarifs?',
    'cuotas?', 'tarifas?', 'costes?', 'costos?', 'gastos?', 'depositos?', 'fianzas?', 'comision(?:es)?', 'pagos?', 'matriculas?', 'honorarios', 'aportes?', 'aportaciones?', 'adelantos?', 'anticipos?', 'precios?', 'dinero', 'deudas?',
    '\\p{L}*gebuhr(?:en)?', '\\p{L}*kosten', 'kaution(?:en)?', 'anzahlung(?:en)?', 'beitrag', 'beitrage', 'provision(?:en)?', '\\p{L}*pauschale', '\\p{L}*preis', 'entgelt', 'eigenanteil', 'vorschuss', 'schulden', 'honorar(?:e)?', 'investition',
    'honoraires', 'garantie', 'investissement', 'honorarios', 'inversion', 'garantia', 'investment', 'retainer', 'packages?',
  ],
  ['رسوم', 'رسم', 'تكاليف', 'تكلفه', 'مبلغ', 'عموله', 'عربون', 'دفعه', 'اتعاب', 'ثمن', 'مصاريف', 'مصروفات', 'تامين', 'قيمه', 'دين(?!ار)', 'سعر', 'ديون'],
);

/** What the worker should never pay for under the employer-pays principle. */
export const COST_OBJECT = lex(
  [
    'recruitment', 'recruiting', 'placement', 'visas?', 'work permits?', 'permits?', 'sponsorship', 'certificate of sponsorship', 'lmias?', 'medicals?', 'medical (?:check|exam|examination|test|tests|screening)s?', 'health (?:check|exam|screening)s?', 'examinations?', 'training', 'courses?', 'flights?', 'airfares?', 'air tickets?', 'tickets?', 'travel', 'transport', 'transportation', 'relocation', 'processing', 'applications?', 'registration', 'enrolment', 'enrollment', 'paperwork', 'documents?', 'translations?', 'police clearance', 'agency', 'agents?', 'recruiters?', 'job offers?', 'interviews?', 'uniforms?', 'equipment', 'tools', 'ppe', 'workwear', 'licences?', 'licenses?', 'driving licen[cs]e', 'police check', 'background check', 'starter kit', 'onboarding', 'airport pick-?up', 'certificat(?:e|ion)s?', 'stcw', 'van', 'vehicle', 'car rental', 'levy', 'brokerage',
    'recrutement', 'placement', 'permis', 'titres? de sejour', 'visite medicale', 'examens? medica(?:l|ux)', 'formations?', 'cours', 'billets?', "billets? d'avion", 'voyages?', 'vols?', 'dossiers?', 'inscriptions?', 'traductions?', 'agences?', 'intermediaires?', 'eimt', "offres? d'emploi", 'diplomes?', 'vetements de travail', 'outils', 'permis de conduire', 'casier judiciaire', 'location du vehicule', 'vehicule',
    'contratacion', 'reclutamiento', 'colocacion', 'visados?', 'permisos?', 'examen(?:es)? medicos?', 'reconocimiento medico', 'formacion', 'cursos?', 'capacitacion', 'pasajes?', 'billetes?', 'boletos?', 'vuelos?', 'viajes?', 'traslados?', 'tramites?', 'tramitacion', 'documentos', 'documentacion', 'traduccion(?:es)?', 'agencias?', 'agentes?', 'gestion(?:es)?', 'ofertas? de (?:trabajo|empleo)', 'uniformes?', 'herramientas', 'carne de conducir', 'antecedentes penales', 'embarque', 'furgoneta', 'vehiculo', 'tramites consulares',
    'vermittlung', 'anwerbung', 'rekrutierung', 'visums?', 'visa', 'arbeitserlaubnis', 'aufenthalt\\p{L}*', 'untersuchung', 'gesundheitscheck', 'schulung(?:en)?', '\\p{L}*kurs(?:e|es)?', 'flug\\p{L}*', 'reise\\p{L}*', 'anreise\\p{L}*', 'fahrt\\p{L}*', 'unterlagen', 'ubersetzung(?:en)?', 'agentur', 'vermittler', 'jobzusage', 'anerkennung', 'arbeitskleidung', 'werkzeug(?:e)?', 'fuhrerschein', 'materialpaket', 'fuhrungszeugnis', 'sprachprufung', 'anreise', 'fahrzeug', 'betreuungspaket',
  ],
  ['توظيف', 'استقدام', 'تاشير', 'فيزا', 'تصريح', 'اقام', 'فحص', 'تدريب', 'دوره', 'تذكر', 'تذاكر', 'طيران', 'سفر', 'نقل', 'معامل', 'اوراق', 'ترجم', 'مكتب', 'وكيل', 'وكاله', 'تسجيل', 'كفال', 'رخصه', 'الملف', 'فتح ملف', 'تذكره القدوم'],
);

/** Unambiguous fee phrases: a fee named for what it buys (placement fee, frais de dossier, Vermittlungsgebühr …). */
export const FEE_PHRASE = lex(
  [
    '(?:placement|recruitment|recruiting|agency|agent|agent\'s|processing|registration|application|admin|administration|administrative|service|booking|enrolment|enrollment|onboarding|sponsorship|visa|job|training|medical|deployment|mobilisation|mobilization|handling|joining|reservation|starter|programme|program|matching|introduction|finder\'s|finders) (?:fees?|charges?|costs?|packages?)',
    'refundable deposit', 'security deposit', 'deposits? of', 'bond of', '(?:a|the) (?:refundable |security )?bond', '(?:training|service|employment|retention) bonds?',
    'frais (?:de|d\') ?(?:dossier|inscription|placement|recrutement|agence|gestion|traitement|mise en relation|courtage|service|visa|reservation|formation|mobilisation)', 'droits? d\'inscription', '(?:une|la|votre) caution', 'caution de', 'caution (?:remboursable|restituee|obligatoire)', 'depot de garantie', 'participation aux frais', 'frais de visa',
    '(?:cuota|tarifa|derecho|costo|coste|gastos?) de (?:inscripcion|registro|gestion|tramites?|colocacion|reclutamiento|contratacion|reserva|matricula|agencia|seleccion)', 'gastos de gestion', 'comision de (?:colocacion|agencia|la agencia|intermediacion)', '(?:un|el) deposito de', '(?:una|la) fianza',
    '(?:vermittlungs|bearbeitungs|anmelde|registrierungs|service|visa|platzierungs|start|aufnahme|verwaltungs|einschreibe|teilnahme|programm)(?:gebuhr|pauschale|provision)(?:en)?', 'kaution', 'eine anzahlung', 'anwerbekosten', 'vermittlungskosten',
  ],
  ['رسوم (?:ال)?(?:توظيف|تسجيل|معامل|استقدام|فيزا|تاشير|مكتب|خدمه|حجز|وساطه)', 'مبلغ (?:ال)?تامين', 'تامين (?:ال)?مسترد', 'عربون', 'عموله (?:ال)?(?:مكتب|وكيل|وسيط)'],
);

// ---------------------------------------------------------------- visas and residence for sale

/** A status rather than an application fee: sponsorship, a residence permit, the papers, an LMIA-backed job offer. */
export const STATUS_NOUN = lex(
  [
    'residence (?:permit|card|status)s?', 'residency', 'green cards?', 'lmias?', 'certificate of sponsorship', 'sponsorship', 'papers', 'right to stay', 'permanent residence', 'job offers?', 'opportunity card', 'employer letter', 'sponsor(?:ship)? letter',
    'titres? de sejour', 'cartes? de sejour', 'papiers', 'regularisation', 'eimt', 'residence permanente', "promesse d'embauche", 'autorisations? de (?:sejour|travail)',
    'permisos? de residencia', 'papeles', 'residencia', 'arraigo', 'tarjeta de residencia', 'tarjeta verde', 'oferta de trabajo', 'autorizacion(?:es)? de (?:residencia|trabajo)',
    'aufenthaltserlaubnis', 'aufenthaltstitel', 'niederlassungserlaubnis', 'jobzusage', 'jobangebot', 'arbeitsgenehmigung', 'chancenkarte',
  ],
  ['اقام', 'كفال', 'اوراق', 'جنسيه', 'عقد عمل', 'تاشير(?:ه|ات)? (?:عمل )?حر'],
);

export const VISA_NOUN = lex(
  [
    'visas?', 'work visas?', 'work permits?', 'residence (?:permit|card|status)s?', 'residency', 'green cards?', 'lmias?', 'certificate of sponsorship', 'cos', 'sponsorship', 'papers', 'right to stay', 'permanent residence',
    'titres? de sejour', 'cartes? de sejour', 'permis de (?:travail|sejour)', 'papiers', 'regularisation', 'eimt', 'residence permanente',
    'visados?', 'visas? de trabajo', 'permisos? de (?:residencia|trabajo)', 'papeles', 'residencia', 'arraigo', 'tarjeta de residencia', 'tarjeta verde',
    'visum', 'visa', 'arbeitsvisum', 'aufenthaltserlaubnis', 'aufenthaltstitel', 'arbeitserlaubnis', 'chancenkarte', 'blaue karte', 'niederlassungserlaubnis', 'arbeitsgenehmigung',
    'opportunity card', 'autorizacion(?:es)? de (?:residencia|trabajo)', 'autorisations? de (?:sejour|travail)',
  ],
  ['فيزا', 'تاشير', 'اقام', 'تصريح عمل', 'كفال', 'اوراق', 'جنسيه'],
);

/** A visa or residence as a product: guaranteed, sold, packaged, priced. */
export const VISA_DEAL = new RegExp(
  any(
    `${WB}(?:guaranteed|guarantee|garanti|garantie|garantis|garanties|garantizad[oa]s?|garantia|garantiert(?:e|es|er|en)?|sicher(?:e|es)?)${WE}`,
    `${WB}(?:buy|buying|purchase|sell|selling|sold|for sale|acheter|achetez|vendre|vendons|vend|comprar|compra|vender|vendemos|vendo|kaufen|kaufe|verkaufen|verkaufe)${WE}`,
    `${WB}(?:packages?|forfaits?|paquetes?|pakete?|paketpreis|komplettpaket|tarif|precio cerrado|precio|preis|price|prix|pricing)${WE}`,
    `${WB}(?:moyennant|pagando|previo pago|gegen (?:eine )?(?:gebuhr|zahlung))${WE}`,
    `${WB}(?:we (?:get|obtain|arrange|secure|provide|sort|handle|process) (?:you|your|it|them)|arranged for you|sorted for you|nous vous (?:obtenons|procurons|fournissons)|nous (?:gerons|nous occupons de) (?:votre|vos)|te (?:conseguimos|sacamos|tramitamos|damos)|(?:gestionamos|tramitamos|conseguimos) (?:tu|su|el|la|los|las)|wir besorgen|wir beschaffen|wir (?:kummern uns um|erledigen) (?:ihr|ihre|den|die)|(?:we|nous|wir) (?:organi[sz]e|organisons|organisieren) (?:you|vous|ihnen|for you)|(?:te|le) organizamos|organizamos tu|obten(?:ga|er)? tu|obtenez votre|get your|erhalten sie ihre|we connect you with an employer|(?:gestionamos|tramitamos|conseguimos))${WE}`,
    `${WB}(?:investment|investissement|inversion|investition|honorarios|honoraires|honorar|available now|for sale|disponible(?:s)? (?:ya|maintenant|ahora)|sofort verfugbar)${WE}`,
    `${WB}${AR_PRE}(?:مضمون|مضمونه|مضمونا|نبيع|للبيع|شراء|السعر|سعر|بسعر|استخراج|نوفر لك|نوفر|مقابل|متوفره|متاحه)`,
  ),
  'gu',
);

// ---------------------------------------------------------------- identity documents

export const DOCUMENT_NOUN = lex(
  [
    // One s dropped, as hurried ads write it ("pasport").
    'pass?ports?', 'id cards?', 'identity (?:cards?|documents?|papers)', 'ids', 'travel documents?', 'personal documents?', 'documents', 'papers', 'brps?', 'residence (?:cards?|permits?)',
    'pass?eports?', "papiers(?: d'identite)?", "pieces? d'identite", "cartes? d'identite", 'titres? de sejour', 'documents? (?:d\'identite|personnels|de voyage)',
    'pass?aportes?', 'documentacion', 'documentos(?: de identidad| personales)?', 'dni', 'nie', 'cedulas?', 'tarjetas? de residencia',
    '(?:ihren?|den|deinen?|seinen|der|die|ihr) pass(?:e)?', 'passe (?:werden|sind|der|aller)', 'reisepass(?:e)?', 'ausweis(?:e|dokumente|papiere)?', 'ausweisdokumente', 'dokumente', 'papiere', 'personalausweis(?:e)?', 'aufenthaltstitel',
  ],
  ['جواز', 'جوازات', 'وثايق', 'وثيقه', 'هويه', 'بطاقه الهويه', 'بطاقات الهويه', 'اوراق'],
);

/** Keeping or taking someone's documents: enough on its own next to a document word. */
export const RETAIN_VERB = new RegExp(
  any(
    `${WB}(?:keep|keeps|kept|keeping|hold|holds|held|holding|retain|retains|retained|retaining|safeguard|safeguarded|look after|looks after|looked after|takes? care of|took care of|confiscate|confiscated|confiscates|take custody|takes? (?:away|possession of)|in (?:our|the company's|the employer's) custody|safekeeping|safe keeping|lock(?:ed)? (?:away|up))${WE}`,
    `${WB}(?:s'occupe(?:ra)? de|s'occupent de|prend possession de|se charge de) (?:votre|vos|leur|leurs|le|les)${WE}`,
    `${WB}(?:se encarga(?:ra)? de|se hace cargo de) (?:tu|su|sus|tus|el|los)${WE}`,
    `${WB}(?:an sich (?:genommen|nehmen)|nimmt (?:[\\p{L}'-]+ ){0,6}an sich|kummert sich um (?:ihren|ihre|den|die))${WE}`,
    `${WB}${AR_PRE}(?:يتولي حفظ|تتولي حفظ|يتولي|تجمع|يجمع)`,
    `${WB}(?:returned|given back|handed back) (?:[\\p{L}'-]+ ){0,3}(?:at|after|upon|on|when) (?:the )?(?:end|completion|departure|leaving|you leave|finish)${WE}`,
    `${WB}(?:conserv(?:e|es|ee|ees|er|ons|ent)|gard(?:e|es|ee|ees|er|ons|ent)|detenu(?:e|s|es)?|reten(?:u|ue|us|ues|ir)|confisqu(?:e|es|ee|ees|er))${WE}`,
    `${WB}(?:rendus?|restitues?|rendues|restituees) (?:[\\p{L}'-]+ ){0,3}(?:a la fin|au depart|en fin|a l'issue)${WE}`,
    `${WB}(?:se (?:queda|quedara|quedan|quedaran) con|guarda|guardara|guardan|guardamos|custodia|custodiara|custodian|custodiamos|retiene|retendra|retenemos|retenid[oa]s?|confisca|confiscara|resguarda|resguardamos|conserva|conservan|conservara|conservaran)${WE}`,
    `${WB}(?:verwahr\\p{L}*|aufbewahr\\p{L}*|einbehalt\\p{L}*|einbehalten|behalten wir|behalt die firma|behalt der arbeitgeber|eingesammelt|einsammeln|sammeln wir|in verwahrung)${WE}`,
    `${WB}(?:zuruckgegeben|ausgehandigt) (?:[\\p{L}'-]+ ){0,3}(?:am|nach|bei) (?:[\\p{L}'-]+ ){0,1}(?:ende|saisonende|vertragsende|abreise)${WE}`,
    // Given back only when the job ends: held until then ("se devuelve al terminar la campaña", "wird am Saisonende
    // zurückgegeben", "تعاد عند انتهاء العقد").
    `${WB}(?:se (?:devuelve|devuelven|devolvera|devolveran|regresa|regresan)|devuelt[oa]s?) (?:[\\p{L}'-]+ ){0,3}(?:al (?:terminar|final|acabar|finalizar|término|termino|irse|marcharse)|a la salida|cuando (?:termine|acabe|se vaya|finalice))${WE}`,
    `${WB}(?:am|nach|bei) (?:[\\p{L}'-]+ ){0,1}(?:ende|saisonende|vertragsende|abreise|einsatzende) (?:[\\p{L}'-]+ ){0,2}(?:zuruckgegeben|ausgehandigt|zuruck)${WE}`,
    `${WB}${AR_PRE}(?:يعاد|تعاد|يرجع|ترجع|يسترجع|تسترجع|يسلم له|تسلم له) (?:[\\p{L}]+ ){0,3}(?:عند|بعد|في) (?:نهايه|انتهاء|انهاء)`,
    `${WB}${AR_PRE}(?:يحتفظ|تحتفظ|نحتفظ|الاحتفاظ|احتفاظ|يحجز|تحجز|حجز|مصادره|يصادر|تصادر|يحفظ|تحفظ|حفظ|تسحب|يسحب)${WE}`,
  ),
  'gu',
);

/** Handing documents over: retention only when someone on the employer's side receives them (HOLDER). */
export const SURRENDER_VERB = new RegExp(
  any(
    `${WB}(?:hand|hands|handed|handing|give|given|deposit|deposited|leave|left|submit|submitted|surrender|surrendered|collect|collected|collects|store|stored|turn in|turned in)${WE}`,
    `${WB}(?:remett(?:re|ent|ez|ra|ront)|remis(?:e|es)?|depos(?:er|ent|ez|e|es|ee|ees)|confi(?:e|es|ee|ees|er)|laisser|laissez)${WE}`,
    `${WB}(?:entreg(?:ar|aras|ara|an|aran|a|ues|uen|ado|ados|ada|adas)|dejar|dejaras|depositar)${WE}`,
    `${WB}(?:abgeben|abzugeben|abgegeben|hinterlegen|hinterlegt|aushandigen|auszuhandigen|ubergeben|zu ubergeben)${WE}`,
    `${WB}${AR_PRE}(?:يسلم|تسلم|يسلمون|تسليم|يودع|ايداع|يترك)${WE}`,
  ),
  'gu',
);

/** Someone on the employer's side. */
export const HOLDER = lex(
  [
    // The lady of the house in domestic work ("madam", "madame", "la señora", "die Hausherrin", "المدام").
    'supervisor', 'coordinator', 'employer', 'company', 'manager', 'boss', 'foreman', 'office', 'agency', 'agent', 'sponsor', 'recruiter', 'team leader', 'landlord', 'management', 'hr', 'us', 'family', 'host family', 'household', 'the house', 'madam', "ma'am", 'lady of the house', 'madame', 'maitresse de maison', 'hausherrin', 'hausherr', 'dame des hauses', '(?:sub)?contractor', 'site manager', 'broker', 'secretary', 'company secretary',
    "chef(?: d'equipe)?", 'responsable', 'employeur', 'entreprise', 'agence', 'patron', 'contremaitre', 'bureau', 'superviseur', 'recruteur', 'direction', 'famille', "famille d'accueil", 'sous-traitant', 'gerant', 'coordinateur', 'coordinatrice', 'encadrant',
    'encargad[oa]', 'empresa', 'jefe', 'capataz', 'agencia', 'empleador', 'oficina', 'patrono', 'familia', 'senora', 'patrona', 'administracion', 'subcontrat\\p{L}*', 'ingenio', 'hacienda', 'coordinador(?:a)?', 'supervisor(?:a)?',
    'vorarbeiter', 'arbeitgeber', 'firma', 'buro', 'betrieb', 'betriebsleitung', 'agentur', 'vermittler', 'leitung', 'uns', 'familie', 'gastfamilie', 'subunternehmer', 'auftraggeber', 'personalburo', 'bauleiter', 'polier', 'koordinator(?:in)?', 'heimleiter(?:in)?',
  ],
  ['كفيل', 'شركه', 'صاحب العمل', 'مشرف', 'مكتب', 'مسوول', 'وكيل', 'اداره', 'مدير', 'اسره', 'عايله', 'ربه البيت', 'ربه المنزل', 'مدام', 'المدام', 'منسق', 'المنسق', 'صاحبه البيت', 'صاحبه المنزل', 'الست'],
);

/** Where documents are put away on the employer's side: a safe, the office, HR, "sous clé", "في عهدة الإدارة". */
export const CUSTODY = lex(
  [
    '\\p{L}*safe', 'lockers?', 'lock and key', 'under lock', 'locked away', 'hr office', 'hr', 'human resources', 'management', 'administration', 'the office', 'head office',
    'coffres?(?:-forts?)?', 'sous cle', 'direction', 'bureau', 'service du personnel', 'caja fuerte', 'oficina', 'direccion', 'recursos humanos', 'bajo llave',
    'tresor', 'buro', 'verwaltung', 'personalabteilung', 'geschaftsleitung', 'unter verschluss',
  ],
  ['عهده', 'الاداره', 'خزنه', 'الخزنه', 'المكتب', 'شؤون الموظفين', 'الموارد البشريه'],
);

/** Documents placed somewhere or staying there (retention when CUSTODY or HOLDER is named). */
export const PLACEMENT_VERB = new RegExp(
  any(
    `${WB}(?:lodged|deposited|placed|put|stay|stays|stayed|remain|remains|locked|secured|kept safe|handed in|left)${WE}`,
    `${WB}(?:mis|mise|mises|deposes|deposees|places|placees|restent|reste|resteront|ranges|rangees|confies|confiees)${WE}`,
    `${WB}(?:quedan|queda|quedaran|quedara|permanecen|permanece|depositados|depositadas|guardados|guardadas|a cargo de)${WE}`,
    `${WB}(?:bleiben|bleibt|verbleiben|verbleibt|deponiert|hinterlegt|eingeschlossen|weggeschlossen|aufbewahrt)${WE}`,
    `${WB}${AR_PRE}(?:تبقي|يبقي|تظل|يظل|تودع|توضع|تحفظ|تسلم|لدي)`,
    // "Is with the sponsor": the document's place, said with a verb of being.
    `${WB}${AR_PRE}(?:يكون|تكون|سيكون|ستكون) (?:عند|لدي|مع|في عهده)`,
  ),
  'gu',
);

/** Reasons to see a passport that are not retention: checking the right to work, taking a copy, giving it back at once. */
export const DOCUMENT_CHECK = new RegExp(
  any(
    `${WB}(?:bring|show|present|verify|verifies|verified|check|checks|checked|copy|copies|scan|scans|scanned|photocopy|valid|validity|inspect|see|sight|right to work)${WE}`,
    `${WB}(?:straight back|back immediately|immediately returned|returned immediately|returned straight away|back to you at once)${WE}`,
    `${WB}(?:apportez|apporter|munissez|presentez|presenter|verifier|verifiions|verifie|copie|copies|photocopie|valide|scan)${WE}`,
    `${WB}(?:trae|traiga|traer|presenta|presente|presentar|comprobar|verificar|copia|copias|fotocopia|vigente)${WE}`,
    `${WB}(?:mitbringen|mitzubringen|bringen sie|vorlegen|vorzulegen|vorzeigen|prufen|uberprufen|kopie|kopien|gultig(?:e|en)?)${WE}`,
    `${WB}${AR_PRE}(?:احضار|ابراز|نسخه|صوره|التحقق|للتحقق|(?:يعاد|سيعاد)(?! (?:[\\p{L}]+ ){0,3}(?:عند|بعد|في) (?:نهايه|انتهاء|انهاء))|فورا)`,
    `${WB}(?:confidential|confidentiality|privacy|data protection|gdpr|database|system|electronically|digitally|confidentiel|confidentiels|confidencial|confidenciales|vertraulich|datenschutz)${WE}`,
    // The worker keeps them.
    `${WB}(?:you keep|you will keep|you retain|workers? keeps?|employees? keeps?|stays? with you|remain with you|remains? in your possession)${WE}`,
    // The worker (named as the subject, or as the one the documents stay with) keeps them.
    `${WB}(?:workers?|employees?|candidates?|recruits?|each (?:worker|employee|person)|every (?:worker|employee)|you) (?:(?:will|always|also|must|can|may|do|does|themselves) ){0,2}(?:keep|keeps|retain|retains|hold|holds|carry|carries)${WE}`,
    `${WB}(?:stays?|remains?|kept) (?:[\\p{L}'-]+ ){0,2}(?:with|in the hands of|in the possession of|by) (?:you|the worker|the workers|the employee|the employees|the holder|its holder|their owner|each worker|them)${WE}`,
    `${WB}(?:in (?:your|their|his|her) (?:own )?(?:possession|hands|keeping))${WE}`,
    `${WB}(?:le|la|les|chaque|tout) (?:salarie|salariee|travailleur|travailleuse|employe|employee|candidat|candidate|saisonnier|saisonniere|ouvrier|ouvriere)s? (?:[\\p{L}'-]+ ){0,1}(?:garde|gardent|conserve|conservent|detient|detiennent)${WE}`,
    `${WB}(?:reste|restent|demeure|demeurent) (?:[\\p{L}'-]+ ){0,2}(?:avec|aupres de|en possession de|entre les mains de|chez) (?:vous|lui|elle|eux|le salarie|le travailleur|leur titulaire|son titulaire)${WE}`,
    `${WB}(?:sur (?:vous|lui|elle|eux)|en (?:sa|leur) possession)${WE}`,
    `${WB}(?:el|la|los|las|cada|todo) (?:trabajador|trabajadora|empleado|empleada|candidato|candidata|temporero|temporera|jornalero|jornalera)e?s? (?:[\\p{L}'-]+ ){0,1}(?:conserva|conservan|guarda|guardan|mantiene|mantienen|lleva|llevan|tiene|tienen)${WE}`,
    `${WB}(?:se queda|se quedan|queda|quedan|permanece|permanecen|sigue|siguen) (?:[\\p{L}'-]+ ){0,2}(?:con|en manos de|en poder de|en posesion de) (?:usted|ti|el trabajador|la trabajadora|los trabajadores|su titular|cada trabajador)${WE}`,
    `${WB}(?:(?:der|die|jede|jeder) )?(?:arbeitnehmer|arbeitnehmerin|beschaftigte|beschaftigten|mitarbeiter|mitarbeiterin|mitarbeitende|bewerber|bewerberin|fahrer|fahrerin)(?:innen|n)? (?:[\\p{L}'-]+ ){0,1}(?:behalt|behalten|bewahrt|bewahren|tragt|tragen)${WE}`,
    `${WB}(?:bleibt|bleiben|verbleibt|verbleiben) (?:[\\p{L}'-]+ ){0,2}(?:bei ihnen|bei dir|beim arbeitnehmer|bei den beschaftigten|bei der arbeitskraft|bei den mitarbeitenden|in ihrem besitz|in ihren handen|im besitz (?:der|des) (?:beschaftigten|arbeitnehmers|inhabers))${WE}`,
    `${WB}${AR_PRE}(?:يبقي|تبقي|يظل|تظل|يكون|تكون) (?:[\\p{L}]+ ){0,2}(?:مع|بحوزه|في حوزه|بيد|في يد|لدي|عند) (?:ال)?(?:عامل|عامله|عمال|موظف|موظفه|موظفين|حامل|صاحبه)`,
    `${WB}${AR_PRE}(?:بحوزه|في حوزه|بيد|في يد) (?:ال)?(?:عامل|عامله|عمال|موظف)`,
    `${WB}(?:vous (?:gardez|conservez|garderez|conserverez)|gardez|conservez|reste(?:nt)? en votre possession)${WE}`,
    `${WB}(?:conservas|conserva usted|guardas|te quedas con|el trabajador conserva|los trabajadores conservan|en tu poder|en su poder)${WE}`,
    `${WB}(?:behalten sie|sie behalten|bleiben bei ihnen|bleibt bei ihnen|in ihrem besitz)${WE}`,
    `${WB}${AR_PRE}(?:يحتفظ|تحتفظ) (?:ال)?(?:عامل|عامله|موظف|عمال)`,
    // "keeps his (own) passport": the possessive names the keeper (Arabic suffix, English their/his/her own).
    `${WB}${AR_PRE}(?:يحتفظ|تحتفظ|يبقي|تبقي) (?!ال(?:شركه|كفيل|مكتب|اداره)|صاحب)[\\p{L}]+ ب(?:جواز|وثايق|هويت|اوراق)\\p{L}*(?:ه|ها|هم)(?![\\p{L}])`,
    `${WB}(?:keep|keeps|retain|retains|hold|holds) (?:their|his|her) (?:own )?(?:passports?|documents|papers|ids?)${WE}`,
    // The keeper named after the verb: "los guarda cada trabajador", "les conserve chaque salarié", "behält jeder
    // Beschäftigte", "kept / held by each worker", "يحتفظ العامل بجواز سفره" (the possessive on the construct's last word).
    `${WB}(?:(?:lo|la|los|las) )?(?:guarda|guardan|conserva|conservan|custodia|custodian|mantiene|mantienen|lleva|llevan|tiene|tienen) (?:siempre |personalmente |usted )?(?:el|la|los|las|cada|todo|todos los|todas las) (?:trabajador|trabajadora|empleado|empleada|candidato|candidata|temporero|temporera|jornalero|jornalera|titular|interesad[oa])e?s?${WE}`,
    `${WB}(?:(?:le|la|les|l') ?)?(?:garde|gardent|conserve|conservent|detient|detiennent) (?:toujours |lui-meme |elle-meme |eux-memes )?(?:le|la|les|chaque|tout|son|leur) (?:salarie|salariee|travailleur|travailleuse|employe|employee|candidat|candidate|saisonnier|saisonniere|ouvrier|ouvriere|titulaire)s?${WE}`,
    `${WB}(?:gardes?|gardees?|conserves?|conservees?|detenus?|detenues?) (?:[\\p{L}'-]+ ){0,2}par (?:le|la|les|chaque|son|leur) (?:salarie|salariee|travailleur|travailleuse|employe|employee|candidat|candidate|saisonnier|saisonniere|titulaire)s?${WE}`,
    `${WB}(?:behalt|behalten|bewahrt|bewahren|verwahrt|verwahren) (?:[\\p{L}'-]+ ){0,2}(?:jede|jeder|die|der|alle) (?:arbeitnehmer|arbeitnehmerin|beschaftigte|beschaftigten|mitarbeiter|mitarbeiterin|mitarbeitende|mitarbeitenden|bewerber|bewerberin|fahrer|fahrerin|saisonkraft|saisonkrafte|inhaber|inhaberin)(?:innen|n)?${WE}`,
    `${WB}(?:behalten|behalt) (?:selbstverstandlich |naturlich |immer |selbst |auch )?(?:sie|du)(?: selbst)?${WE}`,
    `${WB}(?:kept|held|retained|carried) (?:[\\p{L}'-]+ ){0,2}by (?:you|the worker|the workers|the employee|the employees|each worker|each employee|every worker|the holder|its holder|their owner|yourself|themselves)${WE}`,
    `${WB}${AR_PRE}(?:يحتفظ|تحتفظ|يبقي|تبقي) (?!ال(?:شركه|كفيل|مكتب|اداره)|صاحب)[\\p{L}]+ ب(?:جواز|وثايق|هويت|اوراق|بطاق)\\p{L}* [\\p{L}]+(?:ه|ها|هم)(?![\\p{L}])`,
    `${WB}${AR_PRE}(?:ال)?(?:عامل|عامله|عمال|موظف|موظفه|موظفون|موظفين|مرشح|متقدم) (?:[\\p{L}]+ ){0,1}(?:يحتفظ|تحتفظ|يحتفظون|يبقي|تبقي)${WE}`,
    `${WB}${AR_PRE}(?:بنفسه|بنفسها|بانفسهم)${WE}`,
  ),
  'gu',
);

// ---------------------------------------------------------------- pay words (a pay amount, not a fee)

export const PAY_WORD = lex(
  [
    'salary', 'salaries', 'pay', 'paid', 'wages?', 'earn', 'earnings', 'income', 'rate', 'gross', 'net', 'remuneration', 'revenue', 'commissions? (?:on|per) (?:sales|each|every)', 'base (?:pay|salary)', 'fixum', 'fixe',
    'salaires?', 'remuneration', 'paye', 'payes', 'gagnez', 'gagner', 'brut', 'nets?', 'taux', 'smic', 'revenus?',
    'salarios?', 'sueldos?', 'paga', 'pagas', 'pagamos', 'pago (?:diario|semanal|quincenal|mensual|por (?:hora|dia|jornada))', 'jornal(?:es)?', 'daily (?:pay|wage|rate)', 'day rate', '(?:paie|salaire) (?:journaliere?|hebdomadaire)', 'tageslohn', 'wochenlohn', 'tagessatz', 'gana', 'ganar', 'ganaras', 'brutos?', 'netos?', 'retribucion', 'remuneracion', 'cobraras', 'liquidos?',
    // A piece or distance rate is pay: "$0.64 per mile", "2 € par colis", "por tacho", "pro Paket".
    'per (?:mile|miles|km|kilomet(?:er|re)|piece|parcel|drop|delivery|bin|box|crate|bucket|kilo|kg|load|stop)', 'par (?:colis|km|kilometre|piece|caisse|livraison|kilo|tournee)', 'por (?:milla|km|kilometro|pieza|caja|kilo|entrega|paquete|tacho|cubo|parada)', 'pro (?:kilometer|km|stuck|paket|kiste|lieferung|kilo|tour|stopp)',
    // A range "depending on experience" is a salary: "$68,000–$78,000 DOE", "selon expérience", "según experiencia".
    'doe', 'depending on experience', 'selon (?:l\')?experience', 'segun (?:la )?experiencia', 'je nach (?:erfahrung|qualifikation)',
    'lohn', 'gehalt', '(?:jahres|monats|brutto|netto|grund|fest|ziel|basis|bruttojahres|bruttomonats)(?:gehalt|lohn)', 'verdienst', 'verdienen', 'verguetung', 'brutto', 'netto', 'stundenlohn', 'einstiegsgehalt', 'bezahlung',
  ],
  ['راتب', 'رواتب', 'اجر', 'اجور', 'حسب الخبره', 'يوميه', 'يكسب', 'تكسب', 'صافي', 'عموله علي المبيعات', 'عمولات', 'لكل (?:كيلو|كيلومتر|ميل|قطعه|طرد|توصيله|صندوق|شحنه)'],
);

/** Words that mark an amount as a cost to the worker or a price, not pay (accommodation, fees, tickets …). */
export const NOT_PAY_WORD = lex(
  [
    'accommodation', 'housing', 'rent', 'rental', 'hire', 'leasing', 'room', 'lodging', 'board', 'logement', 'loyer', 'location', 'hebergement', 'chambre', 'alojamiento', 'alquiler', 'habitacion', 'vivienda', 'unterkunft', 'miete', 'zimmer', 'wohnung', 'kost und logis',
    'fees?', 'frais', 'cuota', 'gebuhr\\p{L}*', 'deposit', 'caution', 'deposito', 'fianza', 'kaution', 'costs?', 'couts?', 'costes?', 'costos?', 'kosten', '\\p{L}*kosten', 'price', 'prix', 'precio', 'preis', 'package', 'forfait', 'paquete', 'paket\\p{L}*', 'tarif', 'tarifa',
    'deducted', 'retenu', 'descontara', 'abgezogen', 'bond', 'premium', 'penalty', 'penalite', 'penalizacion', 'strafe',
  ],
  ['سكن', 'السكن', 'ايجار', 'رسوم', 'تكاليف', 'مبلغ', 'تامين', 'السعر', 'سعر', 'ثمن', 'يخصم'],
);

/** "No experience, no diploma, no language needed": requirements that make high pay implausible. */
export const NO_REQUIREMENTS = new RegExp(
  any(
    `${WB}(?:no|without|zero) (?:prior |previous |work )?(?:experience|qualifications?|diploma|degree|skills|english|german|french|language|languages|interview|cv)(?: (?:needed|required|necessary))?${WE}`,
    `${WB}(?:beginners?|anyone|everyone) (?:welcome|accepted|can apply)${WE}`,
    `${WB}(?:sans|aucune?|pas besoin d[e']) ?(?:experience|diplome|qualification|competence|competences)s?(?: requise?s?)?${WE}`,
    `${WB}(?:debutants? acceptes?|pas besoin de parler|aucun niveau(?: d'etudes)?(?: exige| requis)?|sans niveau)${WE}`,
    `${WB}(?:sin|no se requiere|no se necesita|no hace falta|ni) (?:[\\p{L}'-]+ ){0,1}(?:experiencia|estudios|titulo|idioma|idiomas|formacion)${WE}`,
    `${WB}(?:ohne|keine) (?:[\\p{L}'-]+ ){0,1}(?:erfahrung|vorkenntnisse|ausbildung|deutschkenntnisse|sprachkenntnisse|qualifikation)${WE}`,
    `${WB}${AR_PRE}(?:بدون|بلا|دون|لا يشترط|لا تشترط|ولا) (?:اي )?(?:ال)?(?:خبره|شهاده|لغه|موهل)`,
  ),
  'gu',
);

/** Lures: guaranteed earnings, easy money, earn up to. */
export const PAY_LURE = new RegExp(
  any(
    `${WB}(?:guaranteed|guarantee|easy|earn up to|up to|huge|big money|top pay|quick money|fast money|no interview|from home|work from home|home-based|assured)${WE}`,
    `${WB}(?:a domicile|depuis chez vous|de chez vous|assures?|assuree?s?|desde (?:casa|tu casa|su casa)|asegurados?|von zu hause|heimarbeit|gesichert)${WE}`,
    `${WB}${AR_PRE}(?:من المنزل|من البيت)`,
    `${WB}(?:garanti|garantie|facile|gagnez jusqu'a|jusqu'a|gros salaire|argent facile)${WE}`,
    `${WB}(?:garantizad[oa]|facil|gana hasta|hasta|mucho dinero|dinero facil|gana mucho)${WE}`,
    `${WB}(?:garantiert|leicht(?:er|e|es)?|top-verdienst|bis zu|schnelles geld|sofort geld)${WE}`,
    `${WB}${AR_PRE}(?:مضمون|مضمونه|سهل|سهله|حتي|مجز)`,
  ),
  'gu',
);
