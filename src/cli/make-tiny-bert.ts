// npm run model:tiny-bert [-- <models-dir> [name]]: writes the tiny test model (no dependency, no network).
import { loadConfig } from '../config.js';
import { tinyBertVocabulary, writeTinyBertModel } from '../embedding/tiny-bert.js';

const [dirArg, nameArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = writeTinyBertModel(dirArg ?? loadConfig().MODELS_DIR, nameArg ?? 'tiny-bert');
console.log(`wrote ${dir} (${tinyBertVocabulary().length} WordPiece tokens, 32-d, opset 13)`);
