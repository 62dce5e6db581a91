import { writeTinyBertModel } from '../src/embedding/tiny-bert.js';
import { TransformersModel } from '../src/embedding/transformers.js';
import { cosine } from '../src/embedding/vector-math.js';
writeTinyBertModel('/tmp/tbmodels');
const m = await TransformersModel.load({ modelsDir: '/tmp/tbmodels', model: 'tiny-bert', allowDownload: false });
console.log('dims', m.dimensions);
const v = await m.embedBatch(['registered nurse', 'nursing care for patients', 'java software developer', '', 'Unbelievably Xyzzy']);
console.log(cosine(v[0]!, v[1]!), cosine(v[0]!, v[2]!), v[3]!.every((x) => x === 0), cosine(v[4]!, v[4]!));
