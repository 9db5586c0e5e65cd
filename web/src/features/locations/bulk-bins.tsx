import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, api, unwrap } from '../../api/client';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input, NativeSelect } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

const PLACEHOLDER = /\{(\w+)(?::\d{1,2})?\}/g;
const BIN_TYPES = ['storage', 'picking', 'receiving', 'shipping', 'quarantine'] as const;
type BinType = (typeof BIN_TYPES)[number];

/** The placeholders of a code pattern, each once, in the order they appear. */
export function placeholdersOf(pattern: string): string[] {
  return [...new Set([...pattern.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** A range end as the API takes it: a number when it is one, else the letter(s). */
function rangeEnd(value: string): number | string {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Many bins at once from a code pattern (`{aisle}-{rack:02}-{level}`, `:02` pads) and a range per
 * placeholder. The codes are previewed first (a dry run that creates nothing and reports codes
 * already taken); creating is offered only for the preview shown, and any change asks for a new one.
 */
export function BulkBins({ warehouseId }: { warehouseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [pattern, setPattern] = useState('{aisle}-{rack:02}-{level}');
  const [ranges, setRanges] = useState<Record<string, { from: string; to: string }>>({
    aisle: { from: 'A', to: 'B' },
    rack: { from: '1', to: '3' },
    level: { from: '1', to: '2' },
  });
  const [type, setType] = useState<BinType>('storage');
  const [preview, setPreview] = useState<{ count: number; codes: string[] } | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const names = placeholdersOf(pattern);

  const run = useMutation({
    mutationFn: async (dryRun: boolean) =>
      unwrap(
        await api.POST('/api/v1/warehouses/{id}/bins/bulk', {
          ...(dryRun ? {} : { headers: { 'Idempotency-Key': key } }),
          params: { path: { id: warehouseId }, query: { dry_run: dryRun } },
          body: {
            pattern,
            type,
            ranges: Object.fromEntries(
              names.map((name) => [
                name,
                [rangeEnd(ranges[name]?.from ?? ''), rangeEnd(ranges[name]?.to ?? '')],
              ]),
            ),
          },
        }),
      ),
    onSuccess: (result) => {
      if (result.dry_run) {
        setPreview(result);
        setCreated(null);
        return;
      }
      renewKey();
      setPreview(null);
      setCreated(result.count);
      void queryClient.invalidateQueries({ queryKey: ['bins', warehouseId] });
    },
  });
  const fields = fieldErrorsOf(run.error);
  const clashes =
    run.error instanceof ApiFailure && Array.isArray(run.error.body.clashes)
      ? (run.error.body.clashes as string[])
      : [];
  // Any change makes the preview stale: create only what was previewed.
  const changed = () => {
    setPreview(null);
    setCreated(null);
    run.reset();
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    run.mutate(true);
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-labelledby="bulk-bins-title">
      <h3 id="bulk-bins-title" className="font-semibold">
        {t('bulkBins.title')}
      </h3>
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <FormField id="bulk-pattern" label={t('bulkBins.pattern')} error={fields.pattern}>
          <Input
            id="bulk-pattern"
            value={pattern}
            aria-describedby="bulk-pattern-hint"
            onChange={(e) => {
              setPattern(e.target.value);
              changed();
            }}
            {...invalid('bulk-pattern', fields.pattern)}
          />
        </FormField>
        <FormField id="bulk-type" label={t('bulkBins.type')} error={fields.type}>
          <NativeSelect
            id="bulk-type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as BinType);
              changed();
            }}
          >
            {BIN_TYPES.map((binType) => (
              <option key={binType} value={binType}>
                {t(`bulkBins.types.${binType}`)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <p id="bulk-pattern-hint" className="text-sm text-muted-foreground">
        {t('bulkBins.patternHint')}
      </p>
      {names.map((name) => (
        <fieldset key={name} className="grid gap-3 rounded border border-border p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-semibold">{name}</legend>
          {(['from', 'to'] as const).map((end) => {
            const id = `bulk-${name}-${end}`;
            return (
              <FormField
                key={end}
                id={id}
                label={t(`bulkBins.${end}`, { name })}
                error={fields[`ranges.${name}`]}
              >
                <Input
                  id={id}
                  value={ranges[name]?.[end] ?? ''}
                  onChange={(e) => {
                    setRanges((current) => ({
                      ...current,
                      [name]: { from: '', to: '', ...current[name], [end]: e.target.value },
                    }));
                    changed();
                  }}
                />
              </FormField>
            );
          })}
        </fieldset>
      ))}
      {run.error ? (
        <Alert variant="destructive">
          <p>{formErrorOf(run.error, t)}</p>
          {clashes.length > 0 ? <p>{clashes.join(', ')}</p> : null}
        </Alert>
      ) : null}
      {created !== null ? (
        <Alert variant="success">{t('bulkBins.created', { formatted: format.number(created) })}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={preview ? 'outline' : 'default'} disabled={run.isPending}>
          {t('bulkBins.preview')}
        </Button>
        {preview ? (
          <Button type="button" disabled={run.isPending} onClick={() => run.mutate(false)}>
            {t('bulkBins.create', { formatted: format.number(preview.count) })}
          </Button>
        ) : null}
      </div>
      {preview ? (
        <section aria-labelledby="bulk-preview-title" className="flex flex-col gap-2">
          <h4 id="bulk-preview-title" className="text-sm font-semibold">
            {t('bulkBins.previewTitle', { formatted: format.number(preview.count) })}
          </h4>
          <ul
            className="flex max-h-64 flex-wrap gap-1 overflow-y-auto"
            aria-label={t('bulkBins.previewCodes')}
          >
            {preview.codes.map((code) => (
              <li
                key={code}
                className="rounded border border-dashed border-border px-2 py-0.5 font-mono text-xs"
              >
                {code}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </form>
  );
}
