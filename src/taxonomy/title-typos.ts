/**
 * Mistyped words of an English job title ("Moudling Machine Operator", "GRAPHIC DISIGNER", "PROUCTION LINE OPERATOR")
 * repaired before the title is read: the sentence encoder and the title model read a misspelt word as an unknown one,
 * and the char n-grams alone let a look-alike label win (t15-titles).
 */
import { editDistance } from './edit-distance.js';
import { foldText } from './text.js';
import { TypoVocabulary } from './typo-vocabulary.js';

/** Shorter words are left as written: abbreviations, initials and short names collide with job words at distance 1. */
export const TYPO_MIN_LENGTH = 6;
/** Words this long may be two edits away ("Appliaticon"); shorter ones one ("DISIGNER"): place and brand names ("Sunway", "Laravel") sit two edits from a job word. */
const TWO_EDITS_FROM = 10;

export class TitleTypoRepair {
  private readonly vocab: TypoVocabulary;

  /**
   * `words`: the words a repaired word may become (those of ESCO's English occupation labels); `known`: a folded word
   * that is left as written (a word of any label in any language, or of a title glossary).
   */
  constructor(words: Iterable<string>, private readonly known: (folded: string) => boolean) {
    this.vocab = new TypoVocabulary(words);
  }

  /**
   * The title with each unknown word of TYPO_MIN_LENGTH letters or more replaced by its closest known word when that
   * word starts with the same letter and is one edit away (two from TWO_EDITS_FROM letters); other words as written.
   */
  repair(title: string): string {
    return title.replace(/\p{L}+/gu, (w) => {
      const f = foldText(w);
      if (f.length < TYPO_MIN_LENGTH || !/^[a-z]+$/.test(f) || this.vocab.has(f) || this.known(f)) return w;
      const c = this.vocab.correct(f);
      const max = f.length >= TWO_EDITS_FROM ? 2 : 1;
      return c !== f && c[0] === f[0] && editDistance(f, c, max + 1) <= max ? c : w;
    });
  }
}
