/**
 * Function words per language, in folded form (foldText): they never count as evidence for a skill or a title on
 * their own ("les" must not reach LESS) and are dropped before translation.
 */
import { foldText } from './text.js';

const RAW: Record<string, string> = {
  en: 'a an the and or of to in on at for with by from as is are be we you our your will can must have has who that this it its their they my i me also very all any some into about up out per via if not no etc plus',
  fr: "le la les l un une des du de d et ou a au aux en dans pour par sur avec sans sous chez est sont etre nous vous votre vos notre nos leur leurs il elle ils elles on ce cet cette ces se sa son ses qui que qu ne pas plus tres tout tous toute toutes y j je m mon ma mes",
  es: 'el la los las lo un una unos unas de del al y e o u a en con sin por para sobre entre es son ser estar nosotros vosotros usted su sus nuestro nuestra que se no muy mas todo todos toda todas mi mis yo le les',
  nl: 'de het een en of van voor in op met aan bij uit door naar als is zijn wij we jij je u uw ons onze hun die dat dit er te om tot ook niet geen zeer',
  de: 'der die das den dem des ein eine einen einem einer eines und oder von vom zu zum zur im in an am auf mit fur bei aus nach als ist sind sein wir sie ihr ihre unser unsere es ich nicht kein keine sehr auch alle',
  ar: 'في من الى على عن مع و او ثم ان هذا هذه ذلك التي الذي كل بعض لدى عند بين نحن انت هو هي هم قد لا ما',
};

const SETS = new Map<string, Set<string>>(Object.entries(RAW).map(([l, s]) => [l, new Set(s.split(' ').map(foldText).filter(Boolean))]));
const ANY = new Set<string>([...SETS.values()].flatMap((s) => [...s]));

/** True when the folded word is a function word of the language (of any language we read when lang is omitted). */
export function isStopword(folded: string, lang?: string): boolean {
  return (lang ? SETS.get(lang) : ANY)?.has(folded) ?? false;
}
