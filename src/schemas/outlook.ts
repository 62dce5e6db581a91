import { z } from 'zod';

/** The destination's shortage rating (AU) or BLS projection (US) for an occupation: information only, never scored. */
export const OccupationOutlookNoteSchema = z.object({
  text: z.string(),
  lang: z.string(),
  country: z.string(),
  region: z.string(),
  occupation: z.object({ scheme: z.enum(['anzsco', 'soc']), code: z.string(), label: z.string() }),
  crosswalk: z.string(),
  rating: z.string().nullable(),
  asOf: z.string().nullable(),
  source: z.string(),
  basis: z.enum(['set', 'inferred']),
});
