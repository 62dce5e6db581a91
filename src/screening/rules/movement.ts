// Restricted movement and debt bondage: workers may not leave the site or the accommodation, go out only with
// permission or escorted, have their phones taken, or may not leave the job until a debt is repaid.
import { lex } from '../lexicon.js';
import { AR_PRE, WB, WE } from '../text.js';
import { hitSpan, negatedAt, spans, type FieldText, type RuleHit, type Span } from './common.js';

const any = (...parts: string[]) => `(?:${parts.join('|')})`;

/** Going out, leaving the place. */
const LEAVE = lex(
  [
    `(?:leave|leaves|leaving|exit|exits|exiting|step out of|steps out of) (?:the|their|your|his|her|our) (?:[\\p{L}'-]+ ){0,1}(?:camp|farm|compound|site|premises|accommodation|hostel|house|home|dormitory|estate|property|workplace|country|ranch|village|town|residence|quarters|boat|vessel|ship|factory|plant|yard)`,
    // Going ashore, leaving a ship: a crew's shore leave.
    '(?:go|goes|going|went|step|steps|set foot|sets foot) ashore', 'shore leave', 'disembark\\p{L}*', '(?:get|gets|getting) off the (?:boat|ship|vessel)', 'set foot on (?:land|shore)',
    'descend(?:re|ent)? (?:a terre|du bateau|du navire)', 'debarqu\\p{L}*', 'mettre pied a terre', 'quittent',
    'baja(?:r|n|s)? (?:del barco|del buque|de la embarcacion|a tierra|a puerto)', 'desembarc\\p{L}*', 'pisa(?:r|n)? tierra',
    'an land (?:gehen|geht|gegangen)', 'landgang\\p{L}*', 'von bord (?:gehen|geht|gegangen)', 'verlasst', 'verlasse',
    'leave (?:only|without|except)', 'go out', 'goes out', 'going out', 'outings?', 'step outside', 'outside the (?:camp|farm|compound|site|premises|accommodation|hostel|house|dormitory)', '(?:go|going|trips?) (?:in)?to (?:the )?(?:town|city|village)', 'leave the house',
    // Trips away from the place on days off: "trips out of town", "days out", "leaving the area".
    'trips? (?:out|away)', 'days? out', 'leav(?:e|ing) (?:town|the area|the island)',
    'sortie', 'sorties', 'sortir', 'sort', 'sortent', 'quitter', 'quitte', 'aller et venir', 'se deplacent', 'se deplacer', 'se deplace', 'aller en ville', 'en ville',
    'salir', 'salida', 'salidas', 'sale', 'salen', 'abandonar', 'abandona', 'dejar (?:la|el) (?:finca|empresa|alojamiento|trabajo)', 'ir al pueblo', 'ir a la ciudad', 'salir del pueblo', 'viajes? fuera',
    'verlassen', 'ausgang', 'ausgange', 'hinausgehen', 'rausgehen', 'ausgehen', 'in die stadt', 'ausfluge?', 'excursions?', 'fahrten in die stadt', 'reisen', 'salidas? del local',
  ],
  // تطلع / يطلع: "goes out" in Gulf and Levantine Arabic ("ما تطلع من البيت إلا مع العائلة").
  ['خروج', 'الخروج', 'الخرجات', 'الطلعات', 'السفر خارج', 'تخرج', 'يخرج', 'مغادره', 'يغادر', 'تغادر', 'ترك', 'نزول', 'ينزل', 'تنزل', 'تطلع', 'يطلع', 'طلوع'],
);

/** Only with permission, never, forbidden, escorted. */
const RESTRICT = new RegExp(
  any(
    `${WB}(?:not (?:allowed|permitted)|may not|must not|cannot|can't|can not|are not free|is not free|forbidden|prohibited|only with (?:the )?(?:[\\p{L}'-]+ ){0,2}(?:permission|authori[sz]ation|approval)|without (?:the )?(?:[\\p{L}'-]+ ){0,2}(?:permission|authori[sz]ation|approval)|with (?:the )?(?:[\\p{L}'-]+ ){0,2}(?:permission|authori[sz]ation|approval)|may (?:[\\p{L}'-]+ ){0,1}only|only on (?:sundays?|fridays?|saturdays?|weekends?|days off)|accompanied|escorted|supervised|alone|on (?:her|his|their) own|only (?:with|in|by) the (?:company|farm|employer's|family's))${WE}`,
    `${WB}(?:(?:must|have to) be (?:approved|validated|authori[sz]ed|cleared|signed off) by|only together with|without the (?:driver|supervisor|boss|owner|family|foreman|escort))${WE}`,
    // Leave granted by someone: "to be cleared with the foreman", "need permission", "les sorties se font avec le
    // responsable", "pedir permiso", "mit dem Heimleiter abgesprochen werden", "باستئذان المشرف".
    // Prior leave obtained from someone: "must obtain prior approval from the camp supervisor", "autorisation préalable
    // du chef", "vorherige Genehmigung", "إذن مسبق"; an outing allowed only on days off or after signing out.
    `${WB}(?:(?:obtain|obtains|seek|seeks|secure|request|requests|get|gets) (?:[\\p{L}'-]+ ){0,2}(?:permission|approval|authori[sz]ation|a pass)|prior (?:written )?(?:permission|approval|authori[sz]ation|consent)|(?:only|solely) (?:permitted|allowed) (?:on|after|with|when)|(?:autorisation|permission|accord) prealable|(?:nur|erst) (?:[\\p{L}'-]+ ){0,6}(?:gestattet|erlaubt)|nach (?:vorheriger )?abmeldung (?:bei|beim)|vorherige[nr]? (?:genehmigung|erlaubnis|zustimmung)|(?:solo|solamente|unicamente) (?:se permite|esta permitid[oa]|permitid[oa])|(?:seulement|uniquement) (?:autorisee?s?|permise?s?))${WE}`,
    `${WB}${AR_PRE}(?:اذن مسبق|موافقه مسبقه|تصريح مسبق)`,
    // Going out only when someone of the household is there: "das Haus verlassen Sie nur, wenn die Tochter da ist".
    `${WB}(?:only|nur|seulement|uniquement|solo|solamente),? (?:when|if|wenn|quand|lorsque|si|cuando) (?:the |die |der |la |le |el |someone |jemand |quelqu'un |alguien )?(?:[\\p{L}'-]+ ){0,2}(?:is (?:there|home|present|in)|da ist|zu hause ist|anwesend ist|est la|est presente?|esta (?:en casa|presente|ahi))${WE}`,
    `${WB}(?:(?:is|are|to be|must be|have to be|has to be|need to be|needs to be) (?:approved|cleared|agreed|authori[sz]ed|signed off|okayed|ok'd) (?:with|by) (?:the |your |a )?(?:[\\p{L}'-]+ ){0,1}(?:foreman|supervisor|manager|boss|employer|owner|office|agent|warden|team leader|house manager|landlord)|(?:need|needs|require|requires|must ask for|must get|have to ask for|ask(?:ing)? for) (?:[\\p{L}'-]+ ){0,2}(?:permission|approval|authori[sz]ation|a pass)|permission to (?:leave|go out|go into town|travel))${WE}`,
    `${WB}(?:(?:se font|se fait|ont lieu|se feront|uniquement|toujours) (?:[\\p{L}'-]+ ){0,2}(?:avec|en compagnie d[eu]|accompagnee?s? (?:du|de la|par le|par la)) (?:le |la |l'|un |une |notre )?(?:responsable|chef|encadrant|superviseur|employeur|patron|gardien|contremaitre|gerant|accompagnateur)|(?:demander|demande|obtenir) (?:[\\p{L}'-]+ ){0,2}(?:permission|autorisation|accord)|(?:soumises?|sous reserve) (?:a |de )?(?:l'accord|l'autorisation|la permission|la validation))${WE}`,
    `${WB}(?:(?:se hacen|se hace|siempre|solo|solamente) (?:[\\p{L}'-]+ ){0,2}(?:con|acompanad[oa]s? (?:del?|por)) (?:el |la |un |una )?(?:encargad[oa]|responsable|jefe|capataz|supervisor|patron|monitor)|(?:pedir|pide|pidan|solicitar) (?:[\\p{L}'-]+ ){0,2}(?:permiso|autorizacion)|(?:previa|con previa) (?:autorizacion|aprobacion))${WE}`,
    `${WB}(?:(?:mit|in begleitung) (?:dem|der|des) (?:vorarbeiter\\p{L}*|heimleiter\\p{L}*|betreuer\\p{L}*|hausmeister\\p{L}*|schichtleiter\\p{L}*|verantwortlichen)|(?:abgesprochen|abgestimmt|genehmigt|angemeldet) werden|(?:erlaubnis|genehmigung|zustimmung) (?:[\\p{L}'-]+ ){0,2}(?:einholen|fragen|beantragen|erforderlich|notig))${WE}`,
    `${WB}${AR_PRE}(?:(?:مع|برفقه|بصحبه) (?:ال)?(?:مشرف|مسوول|كفيل|مدير|ريس)|استيذان|اخذ اذن|طلب اذن|بموافقه)`,
    // Only in someone's company: "goes out with the family only", "only with madam", "never".
    `${WB}(?:with|in the company of|accompanied by|together with) (?:the |her |his |their |a |an )?(?:[\\p{L}'-]+ )?(?:family|families|employers?|sponsors?|madam|sir|owners?|supervisors?|boss|drivers?|escorts?|agents?|household|guards?|foreman|skipper|captain)s? only${WE}`,
    `${WB}only (?:with|in the company of|accompanied by|together with) (?:the |her |his |their |a |an )?(?:[\\p{L}'-]+ )?(?:family|families|employers?|sponsors?|madam|sir|owners?|supervisors?|boss|drivers?|escorts?|agents?|household|guards?|foreman|skipper|captain)${WE}`,
    `${WB}(?:seulement|uniquement) (?:avec|accompagnee? (?:de|par)) (?:la |le |les |l'|sa |son |ses )?(?:famille|employeur|employeuse|patron|patronne|chauffeur|responsable|agent|capitaine)s?${WE}`,
    `${WB}(?:nur|ausschliesslich) (?:mit|in begleitung) (?:der|dem|den|ihrer|seiner|ihren) (?:familie|arbeitgeber\\p{L}*|chef\\p{L}*|fahrer\\p{L}*|aufsicht|vorarbeiter|kapitan)${WE}`,
    `${WB}(?:mit|in begleitung) (?:der|dem|den|ihrer|seiner|ihren) (?:familie|arbeitgeber\\p{L}*|chef\\p{L}*|fahrer\\p{L}*|aufsicht|vorarbeiter|kapitan) (?:[\\p{L}'-]+ ){0,2}(?:nur|ausschliesslich)${WE}`,
    `${WB}(?:doivent etre (?:validees?|approuvees?|autorisees?) par|seulement avec la famille|sans le (?:chauffeur|chef|patron|responsable))${WE}`,
    `${WB}(?:deben ser (?:aprobadas?|autorizadas?|validadas?) por|sin (?:el|la) (?:chofer|conductor|encargad[oa]|jefe|duen[oa]|patron|familia|capataz)|solo junto con)${WE}`,
    `${WB}(?:mussen (?:vom|von der) [\\p{L}]+ (?:genehmigt|freigegeben) werden|nur gemeinsam mit|ohne (?:den|die) (?:fahrer|vorarbeiter|chef|familie))${WE}`,
    `${WB}${AR_PRE}(?:بدون السايق|دون السايق|الا مع الاسره|الا مع العايله)`,
    `${WB}(?:interdit|interdite|interdites|interdits|defendu|pas autorise|pas autorisee|pas autorises|pas le droit|ne (?:[\\p{L}'-]+ ){0,1}(?:peut|peuvent|pourra|pourront|doit|doivent) pas|sans (?:l'|la |une )?(?:[\\p{L}'-]+ ){0,1}(?:autorisation|permission|accord)|avec (?:l'|la )?(?:autorisation|permission)|accompagnee?s?|uniquement accompagne|seulement accompagne|seule?s?|qu'avec)${WE}`,
    `${WB}(?:no (?:pueden|puede|podra|podran|podras|se permite|esta permitido|estan permitidas?)|prohibid[oa]s?|sin (?:el |su )?(?:permiso|autorizacion)|solo con (?:el )?(?:permiso|autorizacion)|con permiso|acompanad[oa]s?|nadie sale|sol[oa]s?|solo (?:con|en) el (?:vehiculo|autobus|coche))${WE}`,
    `${WB}(?:darf|durfen|durfte) (?:[\\p{L}'-]+ ){0,6}(?:nicht|nur mit (?:[\\p{L}'-]+ ){0,1}(?:erlaubnis|genehmigung|zustimmung))|nur mit (?:[\\p{L}'-]+ ){0,1}(?:erlaubnis|genehmigung|zustimmung)|nur in begleitung|in begleitung|verboten|untersagt|ausgangssperre|ausgangsverbot|allein|nur mit dem (?:firmen|betriebs)\\p{L}*${WE}`,
    `${WB}${AR_PRE}(?:لا يسمح|لا يحق|ممنوع|يمنع|غير مسموح|الا باذن|باذن|بدون اذن|دون اذن|بمرافقه|برفقه|الا مع|الا في|الا ب|وحدها|وحده|بمفردها|بمفرده)`,
    `${WB}(?:only|nur|solo|solamente|seulement|uniquement|فقط) (?:in|with|by|mit|en|con|avec|dans|في|مع) (?:the |dem |der |el |la |le |l')?(?:company|employer's|farm|firmen|betriebs|empresa|patron|employeur|exploitation)\\p{L}*${WE}`,
    `${WB}(?:may not|cannot|can't|not allowed to|prohibited from|must not) (?:change|transfer to|move to|switch to|work for) (?:another|a new|other) (?:employer|job)s?${WE}`,
    `${WB}(?:ne (?:peut|peuvent|pourra) pas changer d'employeur|prohibido cambiar de (?:empleador|patron)|no (?:puede|podra|podras) cambiar de (?:empleador|patron|trabajo)|darf (?:den arbeitgeber )?nicht wechseln)${WE}`,
  ),
  'gu',
);

/** A debt or advance that binds the worker to the job (repay before leaving, work off the debt). */
export const DEBT_BOND = new RegExp(
  any(
    `${WB}(?:leave|quit|resign|change (?:employer|employers|jobs?)|move to another (?:employer|job))(?:[^.;!?]|\\.(?=\\S)){0,60}(?:until|before|unless)(?:[^.;!?]|\\.(?=\\S)){0,60}(?:repaid|repay|paid back|paid off|settled|cleared|reimbursed)${WE}`,
    `${WB}(?:work off|working off|pay off by working|debt is repaid|until the (?:debt|advance|loan) is)${WE}`,
    `${WB}(?:if|who|anyone who|workers who|should you)(?:[^.;!?]|\\.(?=\\S)){0,40}(?:leaves?|quits?|resigns?)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:must|will have to|has to|shall)(?:[^.;!?]|\\.(?=\\S)){0,24}(?:repay|pay back|reimburse)${WE}`,
    `${WB}(?:quitter|partir|demissionner|changer d'employeur)(?:[^.;!?]|\\.(?=\\S)){0,60}(?:avant d'avoir|avant le|sans avoir)(?:[^.;!?]|\\.(?=\\S)){0,30}(?:rembourse|remboursement|solde|paye)${WE}`,
    `${WB}(?:en cas de (?:depart|demission)|si vous (?:partez|quittez|demissionnez))(?:[^.;!?]|\\.(?=\\S)){0,80}(?:rembourser|remboursement|(?:le travailleur|la travailleuse|le salarie|la salariee|l'ouvrier|l'ouvriere|vous|il|elle) (?:[\\p{L}'-]+ ){0,1}(?:rembourse|remboursera|remboursez|rembourserez|paie|paiera|payez|devra payer))${WE}`,
    `${WB}(?:quien|el que|la que|los que|si (?:alguien|usted|un trabajador|el trabajador|la trabajadora|el empleado|la empleada|el candidato|la candidata)) (?:[\\p{L}'-]+ ){0,2}(?:deje|dejen|abandone|abandonen|se vaya|se vayan|renuncie|renuncien|se marche|se marchen|deja|abandona|se va|renuncia|se marcha)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:pagar|devolver|abonar|reembolsar)\\p{L}*${WE}`,
    `${WB}(?:celui qui|ceux qui|quiconque|tout (?:travailleur|salarie) qui) (?:[\\p{L}'-]+ ){0,2}(?:quitte|quittent|part|partent|abandonne|abandonnent|demissionne)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:rembourser|payer|devra|devront)${WE}`,
    `${WB}wer (?:[\\p{L}\\p{N}'-]+ ){0,5}(?:geht|kundigt|abbricht|aufhort|abreist)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:zahlen|zuruckzahlen|erstatten|bezahlen|zahlt (?:die|den|das|alle|samtliche)|erstattet (?:die|den|das|alle|samtliche)|zahlt zuruck)${WE}`,
    // "Wer in den ersten 12 Monaten kündigt, zahlt die Anreisekosten (ca. 2.000 €) zurück": the separable verb.
    `${WB}wer (?:[\\p{L}\\p{N}'-]+ ){0,5}(?:geht|kundigt|abbricht|aufhort|abreist|ausscheidet)[^;!?]{0,100}?(?:zahlt|erstattet|gibt) [^;!?]{0,80}?zuruck${WE}`,
    `${WB}(?:cambiar de (?:trabajo|empleo|empresa|patron)|irte|irse|dejar el trabajo|dej(?:e|en|a|as) el trabajo|renunciar|marcharte)(?:[^.;!?]|\\.(?=\\S)){0,60}(?:hasta|antes de)(?:[^.;!?]|\\.(?=\\S)){0,30}(?:saldar|pagar|devolver|liquidar|cancelar)\\p{L}*${WE}`,
    `${WB}(?:la deuda|el prestamo|el adelanto)(?:[^.;!?]|\\.(?=\\S)){0,40}(?:se paga|se salda|se descuenta) trabajando${WE}`,
    `${WB}(?:scheiden sie|scheidet (?:er|sie))(?:[^.;!?]|\\.(?=\\S)){0,60}aus(?:[^.;!?]|\\.(?=\\S)){0,60}(?:fallig|zuruckzahlen|erstatten|zuruckgefordert)${WE}`,
    `${WB}(?:if you (?:leave|quit|resign)|should you (?:leave|quit|resign)|si vous (?:partez|quittez|demissionnez)|si te vas|si renuncias|si dejas el trabajo|اذا ترك|اذا غادر) (?:[^.;!?]|\\.(?=\\S)){0,80}(?:repay|pay back|reimburse|due|owed|rembourser|remboursement|devolver|pagar|عليه سداد|يدفع)${WE}`,
    `${WB}(?:kundigt|kundigen|ausscheidet|ausscheiden|verlasst|verlassen|wechselt)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:zuruckzahlen|zuruckerstatten|erstatten|ruckzahlung)${WE}`,
    `${WB}(?:bis|bevor)(?:[^.;!?]|\\.(?=\\S)){0,40}(?:schulden|vorschuss|darlehen|kosten)(?:[^.;!?]|\\.(?=\\S)){0,30}(?:abbezahlt|zuruckgezahlt|getilgt)${WE}`,
    // A sum due if the worker resigns: "a bond of RM5,000 payable to the company if you resign before 24 months",
    // "bei Eigenkündigung … zurückzuzahlen", "en caso de renuncia … deberá devolver", "in case of resignation … repay".
    `${WB}(?:payable|due|owed|forfeited)(?:[^.;!?]|\\.(?=\\S)){0,40}(?:if|when|should|in case) (?:[\\p{L}'-]+ ){0,2}(?:resigns?|resigning|quits?|quitting|leaves?|leaving|breaks? (?:the|their|his|her) contract)${WE}`,
    `${WB}in (?:case|the event) of (?:early )?(?:resignation|quitting|leaving|departure)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:repay|pay back|reimburse|refund|pay)${WE}`,
    `${WB}(?:bei|im falle (?:einer|der)) (?:vorzeitiger |fristloser )?(?:eigenkundigung|kundigung durch (?:den|die) (?:arbeitnehmer|beschaftigten|mitarbeiter)\\p{L}*|vorzeitigem ausscheiden|vertragsbruch)[^;!?]{0,160}?(?:zuruckzuzahlen|zuruckzahlen|zu erstatten|erstatten|ruckzahlung|zu zahlen|verrechnet|in rechnung gestellt|nachberechnet|berechnet)${WE}`,
    `${WB}en caso de (?:renuncia|baja voluntaria|abandono|dimision)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:devolver|reembolsar|pagar|abonar|reintegrar)\\p{L}*${WE}`,
    // Leaving before the term, then repaying, whatever the verb for leaving ("if you jack it in before the end of the
    // season you pay back the flight", "le marin qui quitte le bord avant le terme … rembourse son billet", "في حال
    // استقالة الموظف … يلتزم بتعويض المجموعة عن تكاليف الاستقدام").
    `${WB}(?:if|should|anyone who|whoever|those who|workers? who|crew who) (?:[^.;!?]){0,40}(?:before|ahead of) (?:the )?(?:end|completion|expiry|term) of (?:the |your |their |his |her )?(?:season|contract|term|trip|assignment|engagement|harvest|hitch|\\d{1,2} months?)(?:[^.;!?]){0,80}(?:pays? back|paid back|repays?|reimburses?|refunds?|will be charged|is charged|are charged)${WE}`,
    `${WB}(?:(?:le|la|les|tout|toute|un|une) )?(?:[\\p{L}'-]+ ){1,2}qui (?:quitte|quittent|part|partent|abandonne|abandonnent|demissionne|demissionnent|rompt|rompent)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:rembourse|remboursent|remboursera|rembourseront|devra rembourser|devront rembourser)${WE}`,
    `${WB}${AR_PRE}(?:في حال|في حاله|اذا|عند) (?:[\\p{L}]+ ){0,1}(?:ال)?(?:استقاله|ترك|انهاء|فسخ|مغادره|انسحاب)(?:[^.;!?]|\\.(?=\\S)){0,80}(?:يلتزم|تلتزم|يتحمل|تتحمل|عليه|عليها|يجب عليه|يجب عليها) (?:[\\p{L}]+ ){0,1}(?:ب)?(?:تعويض|سداد|دفع|رد|ارجاع|اعاده)`,
    `${WB}${AR_PRE}(?:ترك العمل|مغادره العمل|الانتقال|تغيير الكفيل|الاستقاله|تغادر|يغادر|تترك|يترك)(?:[^.;!?]|\\.(?=\\S)){0,40}(?:قبل|حتي)(?:[^.;!?]|\\.(?=\\S)){0,24}(?:سداد|تسديد|دفع)`,
  ),
  'gu',
);

/** A curfew or a locked gate. */
const CURFEW = new RegExp(
  any(
    `${WB}(?:must|have to|are required to) (?:stay|remain|be back) (?:in|on|inside|at) (?:the )?(?:hostel|camp|site|farm|premises|accommodation|house|dormitory|compound) (?:after|by|at night|from)${WE}`,
    `${WB}(?:stay|stays|remain|remains|live|lives) (?:aboard|on board|on site|in the camp|on the farm|in the factory) (?:for|during|throughout) (?:the )?(?:whole|entire|full|complete)${WE}`,
    `${WB}(?:free time|days off|rest days) (?:is |are )?(?:spent|to be spent) (?:in|at|on) (?:the )?(?:house|home|site|farm|camp)${WE}`,
    `${WB}(?:free time|(?:weekly )?days? off|(?:weekly )?rest days?|days? of rest|weekly rest|(?:the )?weekends?) (?:is |are )?(?:always |also )?(?:spent|to be spent|taken|passed|kept) (?:at|in|on|inside|within) (?:the )?(?:employer's |family's |sponsor's )?(?:home|house|residence|premises|site|farm|camp|compound|accommodation|vessel|boat|ship)${WE}`,
    `${WB}(?:jours? de (?:repos|conge)|temps libre|repos hebdomadaire) (?:[\\p{L}'-]+ ){0,1}(?:se passe(?:nt)?|passes?|pris|prise?s?) (?:a la maison|au domicile|sur place|chez (?:l'employeur|la famille)|dans la maison|sur le (?:site|bateau|navire))${WE}`,
    `${WB}(?:dias? (?:libres?|de descanso)|tiempo libre|descanso semanal) (?:[\\p{L}'-]+ ){0,1}(?:se pasa(?:n)?|se queda(?:n)?|se toma(?:n)?|en) (?:en )?(?:casa|la casa|el domicilio|la finca|el barco|el recinto)${WE}`,
    `${WB}(?:freie(?:r|n)? tage?|freizeit|ruhetage?) (?:[\\p{L}'-]+ ){0,2}(?:im haus|zu hause|auf dem hof|im betrieb|auf dem gelande|an bord|bei der familie) (?:verbracht|verbringen)${WE}`,
    `${WB}${AR_PRE}(?:يوم الراحه|ايام الراحه|يوم العطله|ايام العطله|الاجازه الاسبوعيه|العطله الاسبوعيه) (?:[\\p{L}]+ ){0,2}(?:في|داخل) (?:ال)?(?:منزل|بيت|سكن|موقع|مزرعه|سفينه)`,
    `${WB}${AR_PRE}(?:يقضي|تقضي|يمضي|تمضي) (?:[\\p{L}]+ ){0,2}(?:يوم|ايام) (?:ال)?(?:راحه|عطله) (?:[\\p{L}]+ ){0,1}(?:في|داخل) (?:ال)?(?:منزل|بيت|سكن|موقع|مزرعه|سفينه)`,
    // Staying in on the day off: "we prefer that you stay in the house on your day off", "rester à la maison le jour
    // de repos", "quedarse en casa los días libres", "am freien Tag im Haus bleiben", "البقاء في المنزل يوم الراحة".
    `${WB}(?:stay|stays|remain|remains|staying) (?:in|at|inside|within) (?:the |your |her |his |their )?(?:house|home|villa|residence|compound|accommodation|premises|camp|hostel) (?:on|during|for) (?:your |her |his |their |the |all )?(?:weekly )?(?:days? off|rest days?|free time|off[- ]?days?|day of rest|free days?|weekends?)${WE}`,
    `${WB}(?:rester|reste|restent|restez) (?:a la maison|au domicile|dans la maison|a l'interieur|sur place|au foyer) (?:le |les |pendant (?:le |les |votre |son |leur |ses )?|durant (?:le |les |votre |son )?)(?:jours? de (?:repos|conge)|temps libre|jours? off|jours? libres?|week-ends?)${WE}`,
    `${WB}(?:quedarse|quedate|se queda|se quedan|permanecer|permanezca) (?:en (?:la )?casa|en el domicilio|dentro de (?:la )?casa|en la finca|en el recinto) (?:el |los |en (?:su |tu |el |los |sus |tus )?|durante (?:su |tu |el |los |sus |tus )?)(?:dias? libres?|dias? de descanso|tiempo libre|fines? de semana|libranzas?)${WE}`,
    `${WB}(?:am|an|in (?:ihrer|deiner|der)) (?:freien tag(?:en)?|ruhetag(?:en)?|freizeit|wochenenden?) (?:[\\p{L}'-]+ ){0,3}(?:im haus|zu hause|in der wohnung|auf dem hof|auf dem gelande) (?:bleiben|bleibt|bleibst)${WE}`,
    `${WB}${AR_PRE}(?:البقاء|تبقي|يبقي|تبقين) (?:[\\p{L}]+ ){0,1}(?:في|داخل) (?:ال)?(?:منزل|بيت|سكن|فيلا) (?:في|خلال|يوم|ايام) (?:[\\p{L}]+ ){0,1}(?:ال)?(?:راحه|عطله|اجازه)`,
    `${WB}(?:gates?|doors?|the compound|the dormitory|the hostel) (?:is |are )?(?:kept )?locked (?:at|from|after|every|overnight|each)${WE}`,
    `${WB}(?:temps libre|jours de repos) (?:se passe(?:nt)?|est passe|sont passes) (?:a|dans|sur) (?:la maison|le site|l'exploitation|le foyer)${WE}`,
    `${WB}(?:tiempo libre|dias libres) (?:se pasa(?:n)?|se queda(?:n)?) en (?:la casa|la finca|el taller)${WE}`,
    `${WB}(?:freizeit|freie tage) (?:wird|werden) (?:im haus|auf dem hof|im betrieb|auf dem gelande) verbracht${WE}`,
    `${WB}(?:doivent|devront) (?:rester|rentrer) (?:au|a l'|dans le|sur le) (?:foyer|camp|logement|site|chantier) (?:apres|avant|des|la nuit)${WE}`,
    `${WB}(?:deben|tienen que) (?:quedarse|estar|volver) en (?:el|la) (?:albergue|campamento|finca|alojamiento|nave) (?:despues de|antes de|por la noche|desde)${WE}`,
    `${WB}(?:mussen|muss) (?:ab|nach|bis) (?:[\\p{L}'-]+ ){0,3}(?:in der unterkunft|auf dem gelande|im wohnheim) (?:sein|bleiben)${WE}`,
    `${WB}(?:gates?|hostel|dormitory|compound|portail|foyer|porton|albergue|tor|wohnheim) (?:closes?|locks?|shuts?|ferme|se ferme|cierra|se cierra|schliesst|wird geschlossen) (?:sharp )?(?:at |a |a las |um )?\\d`,
    `${WB}(?:curfew|gates? (?:is |are )?(?:locked|closed|shut) at|doors? (?:is |are )?locked at night|locked in at night)${WE}`,
    // A house rule that says when residents must be in: "in by 10.30pm", "back by 22:00", "rentrer au foyer avant
    // 22 h", "de vuelta antes de las 22", "um 22 Uhr sind alle im Haus", "العودة قبل الساعة 10".
    `${WB}(?:(?:be |are |is |everyone |all )?(?:in|indoors|inside|home|back(?: home| in| at the (?:house|hostel|accommodation|camp))?) (?:by|before|no later than) \\d{1,2}(?:[.:h]\\d\\d)? ?(?:pm|am|p\\.m\\.|h|o'clock)?)${WE}`,
    `${WB}(?:(?:rentrer|rentree|retour|etre rentres?|rentrent) (?:[\\p{L}'-]+ ){0,3}(?:avant|au plus tard a|pour) \\d{1,2} ?h)${WE}`,
    `${WB}(?:(?:volver|vuelta|regresar|estar de vuelta|recogerse|de vuelta|en casa) (?:[\\p{L}'-]+ ){0,3}(?:antes de las|a mas tardar a las|hasta las) \\d{1,2})${WE}`,
    `${WB}(?:(?:um|ab|bis) \\d{1,2}(?:[.:]\\d\\d)? uhr (?:[\\p{L}'-]+ ){0,2}(?:alle|jeder|jede|alle bewohner) (?:[\\p{L}'-]+ ){0,1}(?:im haus|in der unterkunft|im wohnheim|zuruck|daheim|zu hause|im zimmer)|(?:zuruck|im haus|in der unterkunft) (?:sein )?(?:bis|vor|spatestens um) \\d{1,2}(?:[.:]\\d\\d)? uhr)${WE}`,
    `${WB}${AR_PRE}(?:العوده|الرجوع|التواجد في السكن) (?:[\\p{L}]+ ){0,2}(?:قبل|بحلول) (?:ال)?(?:ساعه )?\\d`,
    `${WB}(?:not (?:allowed|permitted)|may not (?:go|be)|must not (?:go|be)|cannot go|can't go) out(?:side)? (?:after|before|past|at night|in the evening)${WE}`,
    `${WB}(?:couvre-feu|portail (?:est )?ferme (?:a|des)|portes? fermees? a cle)${WE}`,
    `${WB}(?:toque de queda|la puerta se cierra|el porton se cierra|se cierra la puerta)${WE}`,
    `${WB}(?:ausgangssperre|tor wird (?:\\p{L}+ ){0,2}(?:abgeschlossen|geschlossen)|nachts abgeschlossen)${WE}`,
    `${WB}${AR_PRE}(?:حظر تجول|البوابه تغلق|يغلق الباب)`,
  ),
  'gu',
);

/**
 * Outings as a house rule, done in someone's company: the outings (the subject) "are", "se font", "son", "erfolgen"
 * with a supervisor, the driver, madam, the family, a few words apart ("Les sorties se font avec Madame ou le
 * chauffeur", "las salidas del recinto son los domingos, en grupo y con el encargado", "outings are on Sundays with
 * the supervisor", "Ausgänge erfolgen gemeinsam mit dem Betreuer", "الخروج يكون مع السائق"). A team outing as a benefit
 * ("monthly team outings with the manager") has no rule verb after the outings and stays clean.
 */
const PERSON_EN = '(?:supervisors?|foreman|foremen|drivers?|madam|sir|family|employers?|sponsors?|boss|coordinators?|managers?|escorts?|guards?|team leaders?|house ?mother|housemother|warden|owners?)';
const PERSON_FR = "(?:madame|monsieur|chauffeur|famille|employeur|employeuse|patron|patronne|responsable|chef|encadrant|superviseur|coordinateur|coordinatrice|gardien|contremaitre|gerant|accompagnateur)";
const PERSON_ES = '(?:encargad[oa]|capataz|jefe|jefa|responsable|coordinador(?:a)?|supervisor(?:a)?|chofer|conductor|senora|senor|familia|patron(?:a)?|empleador(?:a)?|monitor(?:a)?|vigilante)';
const PERSON_DE = '(?:vorarbeiter\\p{L}*|betreuer\\p{L}*|heimleiter\\p{L}*|koordinator\\p{L}*|fahrer\\p{L}*|chef\\p{L}*|familie|arbeitgeber\\p{L}*|aufsicht|schichtleiter\\p{L}*|hausherr\\p{L}*)';
const GAP = "(?:[^.;!?]){0,50}?";
const OUTINGS_ESCORTED = new RegExp(
  any(
    `${WB}(?:outings|trips (?:out|to town|into town)|days out|going out|leaving the (?:camp|site|compound|house|hostel)) (?:are|is|happen|take place|must be|have to be|go|are done|are made)${GAP}(?:with|accompanied by|in the company of|escorted by) (?:the |a |an |your |our |their )?(?:[\\p{L}'-]+ )?${PERSON_EN}${WE}`,
    `${WB}(?:les sorties|sorties) (?:[\\p{L}'-]+ ){0,3}(?:se font|se fait|ont lieu|sont|se feront|doivent se faire|s'effectuent)${GAP}(?:avec|en compagnie d[eu]|accompagnee?s? (?:de|par)) (?:le |la |l'|un |une |notre |sa |son )?${PERSON_FR}${WE}`,
    `${WB}(?:las salidas|salidas) (?:[\\p{L}'-]+ ){0,3}(?:son|se hacen|se hace|seran|deben hacerse|se realizan|van)${GAP}(?:con|acompanad[oa]s? (?:de|del|por)|en compania de) (?:el |la |un |una |nuestro |nuestra )?${PERSON_ES}${WE}`,
    `${WB}(?:ausgange|ausfluge|fahrten in die stadt) (?:[\\p{L}'-]+ ){0,3}(?:erfolgen|sind|finden|gehen)${GAP}(?:mit|in begleitung) (?:dem|der|des|einem|einer|unserem|unserer) ${PERSON_DE}${WE}`,
    `${WB}${AR_PRE}(?:الخروج|الطلعات|الخرجات) (?:[\\p{L}]+ ){0,3}(?:يكون|تكون|يتم|تتم)${GAP}(?:مع|برفقه|بصحبه) (?:ال)?(?:مشرف|مسوول|كفيل|مدير|سايق|مدام|اسره|عايله|منسق)`,
  ),
  'gu',
);

/**
 * Confinement said outright: nobody leaves (the ship, the house, the site), never leaves, no shore leave / no outings.
 * A statement that stands alone, unlike LEAVE, which needs a restriction word in the sentence.
 */
const CONFINED = new RegExp(
  any(
    `${WB}(?:no one|nobody|no-one|none of the (?:crew|workers|staff|girls|men)) (?:is |are )?(?:allowed to |permitted to |may |can |gets to |goes |steps )?(?:leaves? (?:the|this|our) (?:ship|boat|vessel|house|home|camp|site|farm|compound|premises|hostel|residence|factory)|go(?:es)? (?:ashore|out|outside)|steps? (?:ashore|off|out)|sets? foot (?:ashore|on land|outside)|gets? off|disembarks?|ashore)${WE}`,
    `${WB}(?:no|without|zero) (?:shore leave|going ashore|going out|outings?|days? out|exits? from the (?:site|camp|house|compound))${WE}`,
    `${WB}(?:she|he|they|workers?|staff|crew|helpers?|the (?:maid|nanny|housekeeper|worker|workers|crew|helper|helpers|girls?|men)) (?:[\\p{L}'-]+ ){0,1}never (?:leaves?|goes? out|steps? out(?:side)?|goes? ashore|gets? off)${WE}`,
    `${WB}(?:personne|aucun (?:marin|ouvrier|travailleur|salarie)) ne (?:[\\p{L}'-]+ ){0,1}(?:sort|quitte|descend|debarque|met pied)${WE}`,
    `${WB}ne (?:sort|sortent|quitte|quittent|descend|descendent|debarque|debarquent) (?:[\\p{L}'-]+ ){0,1}(?:pas|jamais|plus)${WE}`,
    `${WB}(?:pas de|aucune?|sans) (?:sorties?|descente a terre|permission de sortie|conge a terre)${WE}`,
    `${WB}(?:nadie|ningun (?:marinero|tripulante|trabajador|empleado)) (?:[\\p{L}'-]+ ){0,1}(?:sale|baja|desembarca|abandona|pisa tierra|se va)${WE}`,
    `${WB}(?:no|nunca|jamas) (?:se )?(?:sale|salen|sales|baja|bajan|bajas|desembarca|desembarcan|abandona|abandonan|pisa|pisan)${WE}`,
    `${WB}(?:sin|ni) (?:salidas? (?:de la|del) (?:finca|barco|buque|casa|recinto|alojamiento|campamento|nave)|bajar a tierra|desembarcar|permiso para salir|francos? de tierra)${WE}`,
    `${WB}(?:niemand|keiner) (?:[\\p{L}'-]+ ){0,4}(?:verlasst|verlassen|an land|von bord|hinaus|raus)${WE}`,
    `${WB}(?:verlasst|verlassen|verlasse) (?:[\\p{L}'-]+ ){0,3}(?:nie|niemals|nicht)${WE}`,
    `${WB}(?:kein(?:en)?|ohne) (?:landgang|ausgang|freigang)${WE}`,
    `${WB}${AR_PRE}(?:لا احد|لا يخرج احد|لا ينزل احد|لا يغادر احد)`,
    `${WB}${AR_PRE}(?:لا|لن) (?:تخرج|يخرج|تغادر|يغادر|ينزل|تنزل)(?:ون)? (?:[\\p{L}]+ ){0,2}(?:ابدا|مطلقا|نهائيا)`,
    `${WB}${AR_PRE}(?:دون|بدون|بلا|لا) (?:خروج|نزول|اجازه نزول)`,
    // A domestic worker taken out by the household, on its terms: "the family will bring her out when needed",
    // "is only taken out by the employer", "not allowed out alone".
    `${WB}(?:bring|brings|bringing|brought|take|takes|taking|taken|took) (?:her|him|them|the (?:helper|maid|nanny|worker|housekeeper|girl)s?|helpers|workers|maids) (?:[\\p{L}'-]+ ){0,1}out(?:side)? (?:[\\p{L}'-]+ ){0,3}(?:when(?:ever)? (?:needed|required|necessary|they (?:need|want|decide))|if (?:needed|required|necessary)|as (?:needed|required)|only)${WE}`,
    `${WB}(?:is|are|will be|gets?|get) (?:only )?(?:brought|taken) out (?:[\\p{L}'-]+ ){0,2}(?:by|with|when) (?:the |her |his |their )?(?:employers?|family|madam|ma'am|sir|sponsor|household|needed|required)${WE}`,
    `${WB}(?:out|outside) only (?:with|by|when) (?:the |her |his |their )?(?:employers?|family|madam|ma'am|sir|sponsors?|household|needed|required)${WE}`,
    `${WB}(?:not (?:allowed|permitted)|never|cannot|can't|can not|may not|must not|doesn't|does not|don't|do not) (?:to )?(?:go |goes |going |step |be )?out(?:side)? (?:alone|on (?:her|his|their) own|by (?:her|him|them)sel(?:f|ves)|unaccompanied|without (?:the )?(?:family|employer|madam|ma'am|sir))${WE}`,
    `${WB}(?:la|le|les) (?:sort|sortira|sortent|sortiront|emmene|emmenera|emmenent|fait sortir|font sortir) (?:[\\p{L}'-]+ ){0,3}(?:quand (?:il le faut|c'est necessaire|necessaire|elle en a besoin|ils en ont besoin|besoin)|si (?:besoin|necessaire)|au besoin|seulement|uniquement)${WE}`,
    `${WB}(?:la|lo|los|las) (?:saca|sacan|sacara|sacaran|lleva|llevan|llevara|llevaran) (?:[\\p{L}'-]+ ){0,3}(?:cuando (?:haga falta|sea necesario|se necesite|lo necesiten|quieran)|si hace falta|solo|solamente|unicamente)${WE}`,
    `${WB}(?:wird|werden) (?:[\\p{L}'-]+ ){0,3}(?:bei bedarf|wenn notig|nur) (?:[\\p{L}'-]+ ){0,3}(?:mitgenommen|rausgebracht|ausgefuhrt)${WE}`,
    `${WB}(?:nicht|nie|niemals) (?:allein|alleine) (?:raus|hinaus|vor die tur|aus dem haus|ausgehen|rausgehen)${WE}`,
    `${WB}${AR_PRE}(?:تخرجها|يخرجها|يخرجونها|تاخذها|ياخذها|ياخذونها|يصطحبها|تصطحبها) (?:[\\p{L}]+ ){0,3}(?:عند الحاجه|فقط|اذا لزم|حسب الحاجه)`,
  ),
  'gu',
);

/** No change of employer possible: the worker is tied to this one ("pas de changement d'employeur possible avant 2 ans"). */
const TIED = new RegExp(
  any(
    `${WB}(?:no (?:change|transfer) of (?:employer|sponsor|sponsorship|job)s? (?:is )?(?:possible|allowed|permitted)|(?:pas de|aucun) (?:changement|transfert) d'employeur (?:possible|autorise|permis)|no (?:hay|se permite|es posible) (?:cambio|traspaso) de (?:empleador|patron|empresa)|kein (?:arbeitgeberwechsel|wechsel des arbeitgebers) (?:moglich|erlaubt|gestattet))${WE}`,
    `${WB}${AR_PRE}(?:لا يسمح بنقل الكفاله|لا يمكن نقل الكفاله|نقل الكفاله (?:غير مسموح|ممنوع))`,
  ),
  'gu',
);

/**
 * A statement of confinement qualified by equipment, a procedure or an hour is a site rule, not confinement: "no one
 * leaves the site without a helmet", "ne quittent pas le logement avant 6 h", "no se sale con el chaleco puesto".
 */
const QUALIFIED = new RegExp(
  any(
    `${WB}(?:without|with|sans|avec|sin|con|ohne|mit) (?:[\\p{L}'-]+ ){0,2}(?:helmets?|hard hats?|vests?|ppe|badges?|signing(?: out)?|clocking(?: out)?|uniforms?|tools?|casques?|gilets?|epi|badger|pointer|uniformes?|outils|chalecos?|cascos?|fichar|herramientas|helm|helme|weste|westen|ausweis|abmeldung|schutzausrustung|werkzeug)${WE}`,
    `${WB}(?:before|avant|antes de las?|vor) \\d`,
    `${WB}(?:hungry|unhappy|empty-handed)${WE}`,
  ),
  'u',
);

/** The stated purpose is to stop workers leaving: "to prevent absconding", "pour éviter les départs". */
const STOP_LEAVING = new RegExp(
  any(
    `${WB}(?:to (?:prevent|stop|avoid|discourage)|so that (?:no one|nobody|workers? (?:do not|don't|cannot|can't))) (?:[\\p{L}'-]+ ){0,2}(?:absconding|running away|leaving early|early departures?|desertion|(?:from )?(?:leaving|running away|absconding|quitting))${WE}`,
    `${WB}(?:pour |afin d')?(?:eviter|empecher|dissuader) (?:les |tout |toute |que les (?:[\\p{L}'-]+ ){0,1})?(?:departs?|abandons?|fugues?|desertions?|partent|quittent|s'en aillent)${WE}`,
    `${WB}(?:para |a fin de )?(?:evitar|impedir) (?:las |los |que (?:[\\p{L}'-]+ ){0,2})?(?:abandonos?|salidas anticipadas|se vayan|se escapen|abandonen|se marchen)${WE}`,
    `${WB}(?:um (?:[\\p{L}'-]+ ){0,2}(?:abgange|abwanderung|fluchten?|vorzeitige abreisen?) zu (?:verhindern|vermeiden)|damit (?:niemand|keiner) (?:[\\p{L}'-]+ ){0,2}(?:abhaut|geht|abreist|wegläuft|weglauft))${WE}`,
    `${WB}${AR_PRE}(?:لمنع|منعا ل|لتجنب|لضمان عدم) ?(?:ال)?(?:هروب|هرب|تغيب|مغادره|ترك العمل)`,
  ),
  'gu',
);

/** Freedom conditional on repaying a debt: "until it is repaid", "tant que vous n'avez pas remboursé", "mientras no lo hayas devuelto". */
const UNTIL_REPAID = new RegExp(
  any(
    `${WB}(?:until|till|as long as|so long as|while|unless) (?:\\p{L}+ ){0,6}(?:repaid|paid back|paid off|reimbursed|cleared|settled|repay|pay back|pay off)${WE}`,
    `${WB}(?:tant que|jusqu'a ce que|tant qu'|avant que) (?:\\p{L}+ ){0,6}(?:rembourse\\p{L}*|paye\\p{L}*|solde\\p{L}*)${WE}`,
    `${WB}(?:mientras no|hasta que|hasta no|mientras) (?:\\p{L}+ ){0,6}(?:devuelto|devuelvas|devuelva|pagado|pagues|pague|saldado|saldes|salde|liquidado)${WE}`,
    `${WB}(?:solange|bis) (?:\\p{L}+ ){0,6}(?:zuruckgezahlt|abbezahlt|getilgt|beglichen|abgearbeitet)${WE}`,
    `${WB}${AR_PRE}(?:حتي|طالما|الي ان|ما لم) (?:\\p{L}+ ){0,4}(?:سداد|تسديد|تسدد|يسدد|تدفع|يدفع)`,
  ),
  'gu',
);

const PHONES = lex(['phones?', 'hand ?phones?', 'smartphones?', 'mobiles?', 'mobile phones?', 'cell ?phones?', 'telephones?', 'portables?', 'celulares?', 'moviles?', 'telefonos?', 'handys?', 'mobiltelefone?'], ['هاتف', 'هواتف', 'جوال', 'جوالات']);
const PHONE_TAKEN = lex(
  [
    'collected', 'confiscated', 'kept', 'held', 'taken', 'handed in', 'hands? over', 'handed over', 'hand in', 'surrender(?:ed|s)?', 'turn(?:ed|s)? in',
    'confisques?', 'confisquees?', 'retenus?', 'ramasses?', 'gardes?', 'remet(?:tre|tent)?', 'remis',
    'recogen', 'recogidos', 'retenidos', 'requisados', 'guardados', 'entrega(?:r|n)?', 'entregado',
    'eingesammelt', 'einbehalten', 'abgegeben', 'abzugeben', 'abgeben', 'verwahrt',
  ],
  ['يحتفظ', 'تحتفظ', 'تسحب', 'يسحب', 'مصادره', 'تصادر', 'يحفظ', 'تحفظ', 'تسلم', 'يسلم'],
);

/** Phones put away at the workstation for safety or hygiene are not a restriction on the worker. */
const PHONE_AT_WORK = lex([
  'during (?:the |your )?(?:shifts?|work|working hours|production)', 'lockers?', 'on the (?:production )?(?:floor|line)', 'for (?:hygiene|safety|food safety)',
  'pendant le travail', 'pendant les heures de travail', 'casiers?', 'vestiaires?', 'durante (?:el turno|la jornada|el trabajo)', 'taquillas?',
  'wahrend der (?:arbeit|arbeitszeit|schicht)', 'spinde?', 'aus hygienegrunden',
]);

/** "You are free to come and go": no restriction. */
const FREE = new RegExp(
  any(
    `${WB}(?:free to (?:come|go|leave|live|move)|come and go|at any time|whenever you (?:want|like)|freely)${WE}`,
    `${WB}(?:without (?:asking|having to ask|needing|requesting|any need for) (?:for )?(?:[\\p{L}'-]+ ){0,1}(?:permission|approval)|no (?:permission|approval) (?:is )?(?:needed|required|necessary))${WE}`,
    `${WB}(?:sans (?:demander|avoir a demander|devoir demander) (?:la |l'|une |d')?(?:permission|autorisation)|sans autorisation prealable necessaire)${WE}`,
    `${WB}(?:sin (?:pedir|tener que pedir|solicitar|necesidad de) (?:[\\p{L}'-]+ ){0,1}(?:permiso|autorizacion))${WE}`,
    `${WB}(?:ohne (?:[\\p{L}'-]+ ){0,2}(?:zu fragen|nachzufragen|einzuholen)|ohne erlaubnis einholen zu mussen)${WE}`,
    `${WB}${AR_PRE}(?:دون الحاجه الي اذن|بدون الحاجه الي اذن|دون طلب اذن)`,
    // Leaving "without permission" is a freedom after "can": "يمكنه الخروج والدخول في أي وقت دون إذن", "you can go
    // out without asking anyone's permission", "pueden salir sin permiso"; not after a negated can ("cannot" is no
    // whole-word "can", "can not" is excluded, "no pueden" is negated before).
    `${WB}(?:can|may|are able to|is able to|are free to) (?!not )(?:[\\p{L}'-]+ ){0,4}without (?:asking |needing |any |anyone'?s? |prior )?(?:permission|approval)${WE}`,
    `${WB}(?:peut|peuvent|pouvez|pourrez|pourront) (?!pas )(?:[\\p{L}'-]+ ){0,4}sans (?:[\\p{L}'-]+ ){0,1}(?:autorisation|permission)${WE}`,
    `${WB}(?:puede|pueden|puedes|podra|podran|podras) (?:[\\p{L}'-]+ ){0,4}sin (?:[\\p{L}'-]+ ){0,1}(?:permiso|autorizacion)${WE}`,
    `${WB}(?:kann|konnen|konnt|kannst|darf|durfen|durft) (?!nicht )(?:[\\p{L}'-]+ ){0,4}ohne (?:[\\p{L}'-]+ ){0,1}(?:erlaubnis|genehmigung|abmeldung)${WE}`,
    `${WB}${AR_PRE}(?:يمكنه|يمكنها|يمكنك|يمكنهم|يمكن|يستطيع|تستطيع|يستطيعون|يحق له|يحق لها|يحق لك) (?:[\\p{L}]+ ){0,4}(?:دون|بدون) اذن`,
    `${WB}${AR_PRE}(?:في اي وقت)`,
    // Their own key: a locked gate keeps others out, not the residents in.
    `${WB}(?:(?:have|has|get|gets|with) (?:their|your|his|her) own (?:keys?|badges?|fobs?|access cards?)|(?:ont|a|avec) (?:leur|sa|votre) (?:propre )?(?:cle|badge)|(?:tienen|tiene|con) (?:su|tu) (?:propia )?llave|(?:eigenen?|einen) (?:schlussel|zugangschip))${WE}`,
    `${WB}${AR_PRE}(?:مفتاح خاص|مفاتيح خاصه)`,
    `${WB}(?:libres? (?:de|d') (?:[\\p{L}'-]+ ){0,2}(?:aller|sortir|entrer|partir|loger|vous loger)|aller et venir comme)${WE}`,
    `${WB}(?:libres? de (?:entrar|salir|ir|moverse|alojarse)|cuando quieran|cuando quieras)${WE}`,
    `${WB}(?:frei (?:kommen|gehen|bewegen)|jederzeit)${WE}`,
    `${WB}${AR_PRE}(?:حر|احرار|حريه) `,
  ),
  'gu',
);

/**
 * A curfew the worker enforces on others (a night supervisor in a children's home, a boarding-school warden): "faire
 * respecter … le couvre-feu de 22 h fixé pour les jeunes", "enforce the residents' curfew", "hacer cumplir el toque de
 * queda de los menores", "die Nachtruhe der Jugendlichen durchsetzen". Not the worker's own movement.
 */
const ENFORCE_BEFORE = /(?:enforc\p{L}*|ensur\p{L}*|supervis\p{L}*|monitor\p{L}*|respecter|respect|veiller (?:a|au)|veillez (?:a|au)|surveill\p{L}*|hacer (?:cumplir|respetar)|vigilar|velar por|durchsetz\p{L}*|uberwach\p{L}*|achten auf|einhaltung|تطبيق|مراقبه)(?:[^.;!?]){0,50}$/u;
const OTHERS_AFTER = /^(?:[^.;!?]){0,40}(?:for|of|pour|des|para|de los|de las|del|fur|der) (?:the |les |los |las |die |ال)?(?:young people|youths?|children|kids|residents|pupils|students|patients|guests|boarders|teenagers|adolescents|jeunes|enfants|eleves|pensionnaires|mineurs|jovenes|menores|ninos|residentes|alumnos|pacientes|huespedes|jugendlichen|kinder|bewohner\p{L}*|schuler\p{L}*|patienten|gaste)(?![\p{L}])/u;
const enforcedOnOthers = (t: string, c: Span) => ENFORCE_BEFORE.test(t.slice(Math.max(0, c.start - 80), c.start)) || OTHERS_AFTER.test(t.slice(c.end, c.end + 60));

/** The repay-if-you-leave clauses of a sentence whose repayment is not denied. */
export function liveBonds(t: string): Span[] {
  return spans(DEBT_BOND, t).filter(
    (d) => !negatedAt(t, d.start + d.text.lastIndexOf(' ') + 1) && !(/^(?:payable|due|owed|forfeited)/u.test(d.text) && negatedAt(t, d.start)),
  );
}

export function movementRules(ft: FieldText): RuleHit[] {
  const out: RuleHit[] = [];
  for (const s of ft.sentences) {
    const t = s.text;
    // "Free to leave on days off" clears the sentence; "not free to leave" does not.
    if (spans(FREE, t).some((f) => !negatedAt(t, f.start))) continue;
    // "En caso de renuncia no tendrás que devolver nada", "bei Eigenkündigung ist nichts zurückzuzahlen": the
    // repayment itself denied.
    const bonds = liveBonds(t);
    const debt = [...bonds, ...spans(UNTIL_REPAID, t), ...spans(CURFEW, t).filter((c) => !negatedAt(t, c.start) && !enforcedOnOthers(t, c)), ...spans(OUTINGS_ESCORTED, t), ...spans(STOP_LEAVING, t), ...spans(TIED, t).filter((x) => !negatedAt(t, x.start))];
    const confined = spans(CONFINED, t).filter((c) => !QUALIFIED.test(t.slice(c.end, c.end + 60)));
    const leave = spans(LEAVE, t);
    const restrict = spans(RESTRICT, t);
    const phones = spans(PHONES, t);
    const taken = spans(PHONE_TAKEN, t);
    let cue: string | undefined;
    let parts = debt;
    if (debt.length) cue = `debt:${debt[0]!.text}`;
    else if (confined.length) {
      cue = `confined:${confined[0]!.text}`;
      parts = confined;
    }
    else if (leave.length && restrict.length) {
      cue = `restrict:${restrict[0]!.text}+${leave[0]!.text}`;
      parts = [leave[0]!, restrict[0]!];
    } else if (phones.length && taken.length && spans(PHONE_AT_WORK, t).length === 0) {
      cue = `phones:${phones[0]!.text}+${taken[0]!.text}`;
      parts = [phones[0]!, taken[0]!];
    }
    if (!cue) continue;
    const sp = hitSpan(s, parts);
    out.push({ type: 'restricted-movement', severity: 'high', tier: 'strong', field: ft.field, start: sp.start, end: sp.end, cue });
  }
  return out;
}
