import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useFormPost } from '../../components/fields-form';
import { FormField, invalid, SelectField } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { businessToday, useFormat } from '../../lib/format';
import { type Batch, useTanks } from './queries';

interface Group {
  key: string;
  size_label: string;
  fish_count: string;
  avg_weight_g: string;
  destination_tank_id: string;
}

const newGroup = (label = ''): Group => ({
  key: crypto.randomUUID(),
  size_label: label,
  fish_count: '',
  avg_weight_g: '',
  destination_tank_id: '',
});

/** A batch sorted by size into new batches, one per size group, each into its own tank; the counts must add up. */
export function GradingForm({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tanks = useTanks();
  const [date, setDate] = useState(businessToday);
  const [groups, setGroups] = useState<Group[]>(() => [newGroup('S'), newGroup('L')]);
  const post = useFormPost(async (key) =>
    unwrap(
      await api.POST('/api/v1/biofloc/batches/grading', {
        headers: { 'Idempotency-Key': key },
        body: {
          source_batch_id: batch.id,
          grading_date: date,
          size_groups: groups.map((g) => ({
            size_label: g.size_label,
            fish_count: Number(g.fish_count),
            avg_weight_g: Number(g.avg_weight_g),
            destination_tank_id: g.destination_tank_id,
          })),
        },
      }),
    ),
  );
  const fields = fieldErrorsOf(post.error);
  const total = groups.reduce((sum, g) => sum + (Number(g.fish_count) || 0), 0);
  const set = (i: number, change: Partial<Group>) =>
    setGroups((current) => current.map((g, j) => (j === i ? { ...g, ...change } : g)));
  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={t('farm.grading.title')}>
      <div className="max-w-xs">
        <FormField id="grading-date" label={t('biofloc.date')} error={fields.grading_date}>
          <Input id="grading-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </FormField>
      </div>
      {groups.map((g, i) => (
        <fieldset
          key={g.key}
          className="grid gap-3 rounded-md border border-border p-3 sm:grid-cols-2 lg:grid-cols-5"
        >
          <legend className="px-1 text-sm font-semibold">{t('farm.grading.group', { n: i + 1 })}</legend>
          {(['size_label', 'fish_count', 'avg_weight_g'] as const).map((name) => {
            const id = `grading-${i}-${name}`;
            const error = fields[`size_groups.${i}.${name}`];
            return (
              <FormField key={name} id={id} label={t(`farm.grading.${name}`)} error={error}>
                <Input
                  id={id}
                  inputMode={name === 'size_label' ? undefined : 'decimal'}
                  value={g[name]}
                  onChange={(e) => set(i, { [name]: e.target.value })}
                  {...invalid(id, error)}
                />
              </FormField>
            );
          })}
          <SelectField
            id={`grading-${i}-tank`}
            label={t('farm.grading.tank')}
            error={fields[`size_groups.${i}.destination_tank_id`]}
            value={g.destination_tank_id}
            onChange={(value) => set(i, { destination_tank_id: value })}
          >
            {(tanks.data ?? [])
              .filter((tank) => !tank.current_batch_id || tank.id === batch.current_tank_id)
              .map((tank) => (
                <option key={tank.id} value={tank.id}>
                  {tank.tank_code}
                </option>
              ))}
          </SelectField>
          <div className="flex items-end">
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => setGroups(groups.filter((_, j) => j !== i))}
            >
              {t('common.remove')}
            </Button>
          </div>
        </fieldset>
      ))}
      <p className="text-sm">
        {t('farm.grading.total', { total: format.number(total), count: format.number(batch.current_count) })}
      </p>
      {post.error ? <Alert variant="destructive">{formErrorOf(post.error, t)}</Alert> : null}
      {post.data ? (
        <Alert variant="success">
          {t('farm.grading.done', { batches: post.data.batches.map((b) => b.batch_code).join(', ') })}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => setGroups([...groups, newGroup()])}>
          {t('farm.grading.addGroup')}
        </Button>
        <Button type="submit" disabled={post.isPending}>
          {t('farm.grading.post')}
        </Button>
      </div>
    </form>
  );
}
