import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../components/language-switch';
import { Card, CardContent, CardHeader } from '../../components/ui/card';

/** The frame of the signed-out pages: a centred card under the brand bar. */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-muted">
      <header className="flex items-center justify-between bg-primary px-4 py-2 text-primary-foreground">
        <span className="text-lg font-bold">Raktar</span>
        <LanguageSwitch />
      </header>
      <main className="mx-auto mt-10 max-w-md px-4">
        <Card>
          <CardHeader>
            <h1 className="text-lg font-semibold">{title}</h1>
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
      </main>
    </div>
  );
}
