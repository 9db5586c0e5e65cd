import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { FormField, invalid } from '../../components/form-field';
import type { Movement } from '../../components/movement-history';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { Input } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

type Reversal = ResponseOf<'/api/v1/stock-movements/{id}/reverse', 'post', 201>;

/**
 * Asks before posting the opposite of a movement, with the reason the ledger keeps; a refusal
 * (already reversed, not enough stock left to take back, a document's movement) stays in the dialog.
 */
export function ReverseDialog({
  movement,
  onClose,
  onReversed,
}: {
  movement: Movement | null;
  onClose: () => void;
  onReversed: (reversal: Reversal) => void;
}) {
  const { t } = useTranslation();
  const formats = useFormat();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const reverse = useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST('/api/v1/stock-movements/{id}/reverse', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: (reversal) => {
      renewKey();
      setReason('');
      void queryClient.invalidateQueries();
      onReversed(reversal);
    },
  });
  const fields = fieldErrorsOf(reverse.error);
  function close() {
    reverse.reset();
    setReason('');
    onClose();
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (movement) reverse.mutate(movement.id);
  }
  return (
    <Dialog open={movement !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent>
        <DialogTitle>{t('stockMovements.reverseTitle')}</DialogTitle>
        <DialogDescription>{t('stockMovements.reverseHint')}</DialogDescription>
        {movement ? (
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            <p className="text-sm">
              {t('stockMovements.reverseWhat', {
                type: t(`movementTypes.${movement.movement_type}`, { defaultValue: movement.movement_type }),
                quantity: formats.signed(movement.quantity),
                when: formats.dateTime(movement.occurred_at),
              })}
            </p>
            <FormField id="reverse-reason" label={t('stockMovements.reason')} error={fields.reason}>
              <Input
                id="reverse-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                {...invalid('reverse-reason', fields.reason)}
              />
            </FormField>
            {reverse.error && !fields.reason ? (
              <Alert variant="destructive">{formErrorOf(reverse.error, t)}</Alert>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              <Button type="button" variant="outline" onClick={close}>
                {t('stockMovements.keep')}
              </Button>
              <Button type="submit" variant="destructive" disabled={reverse.isPending}>
                {t('stockMovements.confirmReverse')}
              </Button>
            </div>
          </form>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
