/**
 * Trade abbreviations and licences as people write them in ads and CVs, mapped by hand to the English preferred
 * label of the ESCO skill they mean (resolved to URIs when the taxonomy loads; a test checks every target exists).
 * Keys are folded (foldText). Short keys only ever match as whole tokens, so "ce" inside a word never counts.
 */
export const TRADE_TERMS: Record<string, readonly string[]> = {
  // welding processes
  mig: ['perform metal inert gas welding'],
  mag: ['perform metal active gas welding'],
  'mig mag': ['perform metal inert gas welding', 'perform metal active gas welding'],
  gmaw: ['perform metal inert gas welding'],
  tig: ['perform tungsten inert gas welding'],
  gtaw: ['perform tungsten inert gas welding'],
  // heavy-vehicle driving licences (EU C/CE, UK HGV/LGV, Canada AZ/DZ, US CDL) and their local names
  'c+e': ['manoeuvre heavy trucks'],
  ce: ['manoeuvre heavy trucks'],
  'c1+e': ['manoeuvre heavy trucks'],
  hgv: ['manoeuvre heavy trucks'],
  lgv: ['manoeuvre heavy trucks'],
  'hgv class 1': ['manoeuvre heavy trucks'],
  az: ['manoeuvre heavy trucks'],
  dz: ['manoeuvre heavy trucks'],
  cdl: ['manoeuvre heavy trucks'],
  'permis c': ['manoeuvre heavy trucks'],
  'permis ce': ['manoeuvre heavy trucks'],
  'permis c+e': ['manoeuvre heavy trucks'],
  'permis poids lourd': ['manoeuvre heavy trucks'],
  'permis poids lourds': ['manoeuvre heavy trucks'],
  'carnet c': ['manoeuvre heavy trucks'],
  'carnet c+e': ['manoeuvre heavy trucks'],
  'carne c+e': ['manoeuvre heavy trucks'],
  'fuhrerschein ce': ['manoeuvre heavy trucks'],
  'fuhrerschein c': ['manoeuvre heavy trucks'],
  'lkw fuhrerschein': ['manoeuvre heavy trucks'],
  // forklift tickets
  'caces 3': ['operate forklift'],
  caces: ['operate forklift'],
  'staplerschein': ['operate forklift'],
  // care and nursing
  iv: ['intravenous infusion'],
  'iv therapy': ['intravenous infusion'],
  rn: ['provide professional care in nursing'],
  cna: ['provide professional care in nursing'],
  psw: ['provide domestic care'],
  hca: ['provide domestic care'],
  // kitchen
  grilling: ['use cooking techniques'],
  grill: ['use cooking techniques'],
  haccp: ['comply with food safety and hygiene'],
};

/** Trade terms that are all upper case in ordinary text; matched in running text only when written so ("CE", not "ce"). */
export const CASE_SENSITIVE_TERMS = new Set(['ce', 'az', 'dz', 'rn', 'iv', 'mag', 'cna', 'hca', 'psw', 'mig', 'tig', 'cdl', 'hgv', 'lgv']);
