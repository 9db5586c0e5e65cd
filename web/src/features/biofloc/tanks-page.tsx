import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { useAuth } from '../../lib/auth';
import { FeedingForm } from './feeding-form';
import { type Tank, useTanks } from './queries';
import { TankForm } from './tank-form';
import { TankGrid } from './tank-grid';
import { TankInputForm } from './tank-input-form';
import { WaterTestForm } from './water-test-form';
import { WorkTabs } from './work-tabs';

/** Biofloc tanks as a grid with status and current batch, and the day's work on a tank: feeding, inputs, water tests. */
export function TanksPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [tankId, setTankId] = useState('');
  const [editing, setEditing] = useState<Tank | 'new' | null>(null);
  const tanks = useTanks();
  const list = tanks.data ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{t('biofloc.title')}</h1>
        {can('POST /api/v1/biofloc/tanks') ? (
          <Button onClick={() => setEditing('new')}>{t('farm.tank.new')}</Button>
        ) : null}
      </div>
      <TankGrid tanks={list} selected={tankId} onSelect={setTankId} onEdit={setEditing} />
      <WorkTabs
        works={[
          {
            key: 'feeding',
            label: t('biofloc.feeding'),
            route: 'POST /api/v1/biofloc/feeding',
            form: <FeedingForm tanks={list} tankId={tankId} onTank={setTankId} />,
            carded: true,
          },
          {
            key: 'input',
            label: t('farm.input.title'),
            route: 'POST /api/v1/biofloc/tank-inputs',
            form: <TankInputForm key={tankId} tanks={list} tankId={tankId} />,
          },
          {
            key: 'water',
            label: t('farm.water.title'),
            route: 'POST /api/v1/biofloc/water-tests',
            form: <WaterTestForm key={tankId} tanks={list} tankId={tankId} />,
          },
        ]}
      />
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent>
          <DialogTitle>{editing === 'new' ? t('farm.tank.new') : t('farm.tank.edit')}</DialogTitle>
          <DialogDescription>{t('biofloc.tanks')}</DialogDescription>
          {editing ? (
            <TankForm tank={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
          ) : null}
        </DialogContent>
      </Dialog>
    </div>
  );
}
