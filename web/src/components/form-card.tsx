import type { FormEvent, ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from './ui/card';

/** A titled card holding one form, validated by the API rather than by the browser. */
export function FormCard({
  title,
  onSubmit,
  className = 'flex flex-col gap-3',
  children,
}: {
  title: ReactNode;
  onSubmit: (event: FormEvent) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className={className} noValidate>
          {children}
        </form>
      </CardContent>
    </Card>
  );
}
