import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, formErrorOf } from '../lib/api-errors';
import { useIdempotencyKey } from '../lib/use-idempotency-key';
import { cn } from '../lib/utils';
import { FormField } from './form-field';
import { Alert } from './ui/alert';
import { Button } from './ui/button';
import { Input, NativeSelect } from './ui/input';

/** One input of a form: how it is typed, its label, and a warning to show under it (a value out of range). */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'number' | 'date' | 'select';
  options?: { value: string; label: string }[];
  warning?: string | null;
  /** Emptied, it is sent as null (an edit clearing it) rather than left out. */
  nullable?: boolean;
}
export type Values = Record<string, string>;

/**
 * The request body a form's values make: numbers as numbers, empty fields left out (the API applies
 * its defaults, and names a missing required field next to it). `B` is the route's generated body type.
 */
export function bodyOf<B = Record<string, string | number | null>>(fields: FieldSpec[], values: Values): B {
  const body: Record<string, string | number | null> = {};
  for (const field of fields) {
    const value = values[field.name]?.trim() ?? '';
    if (value === '') {
      if (field.nullable) body[field.name] = null;
      continue;
    }
    body[field.name] = field.kind === 'number' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return body as B;
}

/** The values a form starts with: every field empty unless `initial` says otherwise. */
export function useValues(fields: FieldSpec[], initial: Values = {}) {
  return useState<Values>(() => ({ ...Object.fromEntries(fields.map((f) => [f.name, ''])), ...initial }));
}

/**
 * A form's post: one Idempotency-Key kept until it succeeds (a double click posts once), then
 * renewed; every list is refetched after a success, as a post changes what several pages show.
 */
export function useFormPost<T>(post: (key: string) => Promise<T>, onDone?: (result: T) => void) {
  const queryClient = useQueryClient();
  const [key, renewKey] = useIdempotencyKey();
  return useMutation({
    mutationFn: () => post(key),
    onSuccess: (result) => {
      renewKey();
      void queryClient.invalidateQueries();
      onDone?.(result);
    },
  });
}

/**
 * Labelled inputs from `fields`, the API's message for each under it, a form-level message for what
 * no field shows (a refusal, a stale version), and a submit button.
 */
export function FieldsForm({
  id,
  fields,
  values,
  onChange,
  error,
  pending,
  submitLabel,
  onSubmit,
  className = 'grid gap-3 sm:grid-cols-2 lg:grid-cols-3',
  label,
  children,
}: {
  /** The form's accessible name when the card title does not give one. */
  label?: string;
  id: string;
  fields: FieldSpec[];
  values: Values;
  onChange: (values: Values) => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  className?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const errors = fieldErrorsOf(error);
  const shown = new Set(fields.map((f) => f.name));
  const unshown = Object.keys(errors).some((name) => !shown.has(name));
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={label}>
      <div className={className}>
        {fields.map((field) => {
          const inputId = `${id}-${field.name}`;
          const fieldError = errors[field.name];
          const described = [fieldError ? `${inputId}-error` : '', field.warning ? `${inputId}-warning` : '']
            .filter(Boolean)
            .join(' ');
          const common = {
            id: inputId,
            value: values[field.name] ?? '',
            ...(fieldError ? { 'aria-invalid': true } : {}),
            ...(described ? { 'aria-describedby': described } : {}),
          };
          const set = (value: string) => onChange({ ...values, [field.name]: value });
          return (
            <FormField key={field.name} id={inputId} label={field.label} error={fieldError}>
              {field.kind === 'select' ? (
                <NativeSelect {...common} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {field.options?.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </NativeSelect>
              ) : (
                <Input
                  {...common}
                  type={field.kind === 'date' ? 'date' : 'text'}
                  inputMode={field.kind === 'number' ? 'decimal' : undefined}
                  data-out-of-range={field.warning ? 'true' : undefined}
                  className={cn(field.warning && 'border-2 border-amber-600 bg-amber-50')}
                  onChange={(e) => set(e.target.value)}
                />
              )}
              {field.warning ? (
                <p id={`${inputId}-warning`} className="text-sm font-medium text-amber-800">
                  {field.warning}
                </p>
              ) : null}
            </FormField>
          );
        })}
      </div>
      {children}
      {error && (unshown || Object.keys(errors).length === 0) ? (
        <Alert variant="destructive">{formErrorOf(error, t)}</Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * A record added or changed through `FieldsForm`: the values start at `initial`, `save` posts them
 * with the form's Idempotency-Key, `onDone` follows a success (a stale edit shows the reload message).
 */
export function SaveForm<T>({
  id,
  fields,
  initial,
  save,
  onDone,
  className,
}: {
  id: string;
  fields: FieldSpec[];
  initial?: Values;
  save: (values: Values, key: string) => Promise<T>;
  onDone?: (result: T) => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useValues(fields, initial);
  const post = useFormPost((key) => save(values, key), onDone);
  return (
    <FieldsForm
      id={id}
      {...(className ? { className } : {})}
      fields={fields}
      values={values}
      onChange={setValues}
      error={post.error}
      pending={post.isPending}
      submitLabel={t('common.save')}
      onSubmit={() => post.mutate()}
    />
  );
}
