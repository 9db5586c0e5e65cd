import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NativeSelect } from './ui/input';
import { Label } from './ui/label';

/** A labelled control with the API's message for it underneath (linked for screen readers). */
export function FormField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The aria attributes of a control that `FormField` shows `error` for. */
export function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

/** A labelled choice from a list, starting unchosen, with the API's message for it underneath. */
export function SelectField({
  id,
  label,
  error,
  value,
  onChange,
  emptyLabel,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  /** The choice of none (a filter's "all"); "choose" by default. */
  emptyLabel?: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormField id={id} label={label} error={error}>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)} {...invalid(id, error)}>
        <option value="">{emptyLabel ?? t('common.choose')}</option>
        {children}
      </NativeSelect>
    </FormField>
  );
}
