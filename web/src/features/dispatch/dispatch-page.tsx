import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { FormField, invalid, SelectField } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Input, NativeSelect } from '../../components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

type Dispatch = ResponseOf<'/api/v1/dispatches', 'get'>['items'][number];

/** Trays on the shelf now, polled so two people dispatching see each other's changes. */
function useAvailable() {
  return useQuery({
    queryKey: ['trays-available'],
    refetchInterval: 15_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatch/inventory/available')),
  });
}

function NewDispatch() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const available = useAvailable();
  const [projectId, setProjectId] = useState('');
  const [drillholeId, setDrillholeId] = useState('');
  const [hq, setHq] = useState('0');
  const [nq, setNq] = useState('0');
  const [driver, setDriver] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const projects = useQuery({
    queryKey: ['projects'],
    queryFn: async () => unwrap(await api.GET('/api/v1/projects', { params: { query: { page_size: 100 } } })),
  });
  const drillholes = useQuery({
    queryKey: ['drillholes', projectId],
    enabled: Boolean(projectId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/drillholes', { params: { query: { project_id: projectId, page_size: 100 } } }),
      ),
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/dispatches', {
          headers: { 'Idempotency-Key': key },
          body: {
            project_id: projectId,
            drillhole_id: drillholeId,
            hq_boxes: Number(hq),
            nq_boxes: Number(nq),
            ...(driver ? { driver } : {}),
          },
        }),
      ),
    onSuccess: () => {
      renewKey();
      setHq('0');
      setNq('0');
      void queryClient.invalidateQueries();
    },
  });
  const fields = fieldErrorsOf(create.error);
  const short =
    available.data && (Number(hq) > available.data.hq || Number(nq) > available.data.nq)
      ? t('dispatch.short')
      : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('dispatch.new')}</CardTitle>
        <p aria-live="polite" data-testid="trays-available">
          {available.data ? t('dispatch.available', { hq: available.data.hq, nq: available.data.nq }) : null}
        </p>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 md:grid-cols-3" noValidate>
          <FormField id="dispatch-project" label={t('dispatch.project')} error={fields.project_id}>
            <NativeSelect
              id="dispatch-project"
              value={projectId}
              onChange={(e) => {
                setProjectId(e.target.value);
                setDrillholeId('');
              }}
              {...invalid('dispatch-project', fields.project_id)}
            >
              <option value="">{t('common.choose')}</option>
              {projects.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.project_id} · {p.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <SelectField
            id="dispatch-drillhole"
            label={t('dispatch.drillhole')}
            error={fields.drillhole_id}
            value={drillholeId}
            onChange={setDrillholeId}
          >
            {drillholes.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {d.drillhole_id}
              </option>
            ))}
          </SelectField>
          <FormField id="dispatch-driver" label={t('dispatch.driver')} error={fields.driver}>
            <Input id="dispatch-driver" value={driver} onChange={(e) => setDriver(e.target.value)} />
          </FormField>
          <FormField id="dispatch-hq" label={t('dispatch.hq')} error={fields.hq_boxes}>
            <Input
              id="dispatch-hq"
              inputMode="numeric"
              value={hq}
              onChange={(e) => setHq(e.target.value)}
              {...invalid('dispatch-hq', fields.hq_boxes)}
            />
          </FormField>
          <FormField id="dispatch-nq" label={t('dispatch.nq')} error={fields.nq_boxes}>
            <Input
              id="dispatch-nq"
              inputMode="numeric"
              value={nq}
              onChange={(e) => setNq(e.target.value)}
              {...invalid('dispatch-nq', fields.nq_boxes)}
            />
          </FormField>
          <div className="flex flex-col justify-end gap-2">
            <Button type="submit" disabled={create.isPending}>
              {t('dispatch.create')}
            </Button>
          </div>
          {short ? <Alert className="md:col-span-3">{short}</Alert> : null}
          {create.error ? (
            <Alert variant="destructive" className="md:col-span-3">
              {formErrorOf(create.error, t)}
            </Alert>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}

/** A return: the counts brought back; a mismatch with what is still out is flagged before posting. */
function ReturnForm({ dispatch }: { dispatch: Dispatch }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const outHq = dispatch.hq_boxes - dispatch.returned_hq;
  const outNq = dispatch.nq_boxes - dispatch.returned_nq;
  const [hq, setHq] = useState(String(outHq));
  const [nq, setNq] = useState(String(outNq));
  const [condition, setCondition] = useState('Good');
  const [key] = useIdempotencyKey();
  const back = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/dispatches/{id}/return', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id: dispatch.id } },
          body: { returned_hq: Number(hq), returned_nq: Number(nq), return_condition: condition },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const fields = fieldErrorsOf(back.error);
  const mismatch = Number(hq) !== outHq || Number(nq) !== outNq;
  function submit(event: FormEvent) {
    event.preventDefault();
    back.mutate();
  }
  return (
    <form
      onSubmit={submit}
      className="grid gap-3 md:grid-cols-4"
      noValidate
      aria-label={t('dispatch.returnOf', { number: dispatch.dispatch_number })}
    >
      <FormField id="return-hq" label={t('dispatch.returnedHq')} error={fields.returned_hq}>
        <Input id="return-hq" inputMode="numeric" value={hq} onChange={(e) => setHq(e.target.value)} />
      </FormField>
      <FormField id="return-nq" label={t('dispatch.returnedNq')} error={fields.returned_nq}>
        <Input id="return-nq" inputMode="numeric" value={nq} onChange={(e) => setNq(e.target.value)} />
      </FormField>
      <FormField id="return-condition" label={t('dispatch.condition')} error={fields.return_condition}>
        <NativeSelect id="return-condition" value={condition} onChange={(e) => setCondition(e.target.value)}>
          {['Good', 'Fair', 'Damaged'].map((c) => (
            <option key={c} value={c}>
              {t(`dispatch.conditions.${c}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div className="flex flex-col justify-end">
        <Button type="submit" disabled={back.isPending}>
          {t('dispatch.postReturn')}
        </Button>
      </div>
      {mismatch ? (
        <Alert className="md:col-span-4" data-testid="return-mismatch">
          {t('dispatch.mismatch', { hq: outHq, nq: outNq })}
        </Alert>
      ) : null}
      {back.error ? (
        <Alert variant="destructive" className="md:col-span-4">
          {formErrorOf(back.error, t)}
        </Alert>
      ) : null}
    </form>
  );
}

/** Drill-core tray dispatch: trays out to a drillhole and back, with what is still out. */
export function DispatchPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [selected, setSelected] = useState<string | null>(null);
  const dispatches = useQuery({
    queryKey: ['dispatches'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/dispatches', { params: { query: { page_size: 50 } } })),
  });
  const current = dispatches.data?.items.find((d) => d.id === selected);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('dispatch.title')}</h1>
      {can('POST /api/v1/dispatches') ? <NewDispatch /> : null}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t('transfers.number')}</TableHead>
            <TableHead>{t('dispatch.drillhole')}</TableHead>
            <TableHead className="text-right">{t('dispatch.hq')}</TableHead>
            <TableHead className="text-right">{t('dispatch.nq')}</TableHead>
            <TableHead>{t('common.status')}</TableHead>
            <TableHead>
              <span className="sr-only">{t('common.actions')}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {dispatches.data?.items.map((d) => (
            <TableRow key={d.id}>
              <TableCell>{d.dispatch_number}</TableCell>
              <TableCell>{d.drillhole_name}</TableCell>
              <TableCell className="text-right">
                {d.returned_hq}/{d.hq_boxes}
              </TableCell>
              <TableCell className="text-right">
                {d.returned_nq}/{d.nq_boxes}
              </TableCell>
              <TableCell>{t(`dispatch.status.${d.status}`)}</TableCell>
              <TableCell>
                {d.status !== 'returned' && can('POST /api/v1/dispatches/{id}/return') ? (
                  <Button size="sm" variant="outline" onClick={() => setSelected(d.id)}>
                    {t('dispatch.return')}
                    <span className="sr-only"> {d.dispatch_number}</span>
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {current && current.status !== 'returned' ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('dispatch.returnOf', { number: current.dispatch_number })}</CardTitle>
          </CardHeader>
          <CardContent>
            <ReturnForm key={`${current.id}-${current.version}`} dispatch={current} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
