import { Type } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { Messages } from '../../platform/translations.js';
import { SAMPLE_TYPES, type SampleCreate, type SampleFileRow, type SamplesBulk } from '../dispatch/index.js';
import { type Column, Importer, type Issues, markDuplicates, type ParsedRow, textField } from './importer.js';

const depth = Type.Number({ minimum: 0, maximum: 100_000, multipleOf: 0.01 });

/** A sample as `POST /samples` takes it, with its dispatch by number or id. */
const SampleRow = Type.Object({
  sample_id: Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' }),
  dispatch: Type.String({ minLength: 1, maxLength: 64 }),
  from_depth: depth,
  to_depth: depth,
  sample_type: Type.Optional(Type.Enum([...SAMPLE_TYPES])),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
});

const TYPE_LABELS: Record<(typeof SAMPLE_TYPES)[number], Messages> = {
  core: { en: 'core', hu: 'mag' },
  assay: { en: 'assay', hu: 'vizsgálati' },
  geochemical: { en: 'geochemical', hu: 'geokémiai' },
  mineralogy: { en: 'mineralogy', hu: 'ásványtani' },
  duplicate: { en: 'duplicate', hu: 'ismétlő' },
  standard: { en: 'standard', hu: 'standard' },
  blank: { en: 'blank', hu: 'vak' },
};

/** Samples of dispatches, many at once; every row held to the rules of `POST /samples`. */
export class SamplesImporter extends Importer<SampleCreate[]> {
  readonly kind = 'samples';
  protected readonly schema = SampleRow;
  readonly columns: Column[] = [
    { key: 'sample_id', hu: 'Mintaazonosító', type: 'text', required: true, example: 'RK-DH-001-0042' },
    {
      key: 'dispatch',
      hu: 'Kiszállítás',
      type: 'text',
      required: true,
      aliases: ['dispatch_number', 'dispatch_id'],
      example: 'DSP-000001',
    },
    {
      key: 'from_depth',
      hu: 'Mélységtől',
      type: 'number',
      required: true,
      aliases: ['from'],
      example: 120.5,
    },
    { key: 'to_depth', hu: 'Mélységig', type: 'number', required: true, aliases: ['to'], example: 121.5 },
    {
      key: 'sample_type',
      hu: 'Mintatípus',
      type: { oneOf: TYPE_LABELS },
      aliases: ['type'],
      example: 'assay',
    },
    { key: 'notes', hu: 'Megjegyzés', type: 'text', example: '' },
  ];

  constructor(private readonly samples: SamplesBulk) {
    super();
  }

  async check(rows: ParsedRow[], issues: Issues): Promise<SampleCreate[]> {
    markDuplicates(
      rows,
      issues,
      'sample_id',
      (row) => textField(row, 'sample_id')?.trim().toLowerCase(),
      (row) => String(row.record.sample_id),
    );
    // Rows that read well go to the dispatch module's checks; the rest already have their issues.
    const good = rows.filter((row) => row.bad.size === 0);
    const { inputs, problems } = await this.samples.check(good.map((row) => row.record as SampleFileRow));
    for (const { index, field, error } of problems) {
      const row = good[index];
      if (row) issues.addError(row.row, field, error);
    }
    return inputs;
  }

  counts(samples: SampleCreate[]) {
    return { samples: samples.length };
  }

  async apply(
    tx: DbOrTx,
    ctx: RequestCtx,
    samples: SampleCreate[],
    _importId: string,
    progress: (done: number) => Promise<void>,
  ): Promise<void> {
    await this.samples.insert(tx, ctx, samples);
    await progress(samples.length);
  }
}
