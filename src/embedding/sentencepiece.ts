// A SentencePiece-style unigram tokenizer: Viterbi search for the segmentation with the highest total log-probability.
export type Vocabulary = ReadonlyArray<readonly [piece: string, score: number]>;

export const WORD_BOUNDARY = '\u2581';
/** The first ids of USE-lite's vocabulary are control symbols (unk, <s>, </s>, 3 extra), never produced by text. */
export const RESERVED_SYMBOLS = 6;
export const UNK_ID = 0;

interface TrieNode {
  children: Map<string, TrieNode>;
  id: number;
}

const newNode = (): TrieNode => ({ children: new Map(), id: -1 });

/** SentencePiece's own normalisation: NFKC, and spaces become the word-boundary marker ▁ (one in front). */
export function normalizeForPieces(text: string): string {
  const normalized = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return normalized.length > 0 ? WORD_BOUNDARY + normalized.replaceAll(' ', WORD_BOUNDARY) : '';
}

export class UnigramTokenizer {
  private readonly root = newNode();
  private readonly scores: Float64Array;
  /** An unknown character costs more than any real piece, so it is only used when nothing else covers it. */
  private readonly unkScore: number;

  constructor(
    private readonly vocabulary: Vocabulary,
    reserved = RESERVED_SYMBOLS,
  ) {
    this.scores = new Float64Array(vocabulary.length);
    let min = 0;
    for (let id = reserved; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id]!;
      this.scores[id] = score;
      if (score < min) min = score;
      let node = this.root;
      for (const ch of piece) {
        let next = node.children.get(ch);
        if (!next) {
          next = newNode();
          node.children.set(ch, next);
        }
        node = next;
      }
      // Keep the first (best-ranked) id when a piece is listed twice.
      if (node.id < 0) node.id = id;
    }
    this.unkScore = min - 10;
  }

  get size(): number {
    return this.vocabulary.length;
  }

  piece(id: number): string {
    return this.vocabulary[id]?.[0] ?? '';
  }

  /** Token ids of `text` (already lowercased by the caller if the model needs it). Runs of unknown chars → one UNK. */
  encode(text: string): number[] {
    const symbols = Array.from(normalizeForPieces(text)); // code points, not UTF-16 units
    const n = symbols.length;
    if (n === 0) return [];
    const best = new Float64Array(n + 1).fill(-Infinity);
    const backId = new Int32Array(n + 1);
    const backLen = new Int32Array(n + 1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      const base = best[start]!;
      if (base === -Infinity) continue;
      let node: TrieNode | undefined = this.root;
      let matchedSingle = false;
      for (let end = start; end < n && node; end++) {
        node = node.children.get(symbols[end]!);
        if (!node) break;
        if (node.id >= 0) {
          if (end === start) matchedSingle = true;
          const score = base + this.scores[node.id]!;
          // `>=` prefers the later (longer) candidate on exact ties, as the reference implementation does.
          if (score > best[end + 1]! || (score === best[end + 1]! && end + 1 - start > backLen[end + 1]!)) {
            best[end + 1] = score;
            backId[end + 1] = node.id;
            backLen[end + 1] = end + 1 - start;
          }
        }
      }
      if (!matchedSingle) {
        const score = base + this.unkScore;
        if (score > best[start + 1]!) {
          best[start + 1] = score;
          backId[start + 1] = UNK_ID;
          backLen[start + 1] = 1;
        }
      }
    }
    const ids: number[] = [];
    for (let pos = n; pos > 0; pos -= backLen[pos]!) ids.push(backId[pos]!);
    ids.reverse();
    const merged: number[] = [];
    for (const id of ids) if (!(id === UNK_ID && merged[merged.length - 1] === UNK_ID)) merged.push(id);
    return merged;
  }

  /** The pieces of `text`, for tests and debugging. */
  pieces(text: string): string[] {
    return this.encode(text).map((id) => (id === UNK_ID ? '<unk>' : this.piece(id)));
  }
}
