import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useAuth } from '../../lib/auth';

export interface Work {
  key: string;
  label: string;
  /** The API route the form posts to: the choice shows only to roles that may. */
  route: string;
  form: ReactNode;
  /** The form draws its own card. */
  carded?: boolean;
}

/** A row of toggle buttons choosing one of several forms, and that form in a card. */
export function WorkTabs({ works }: { works: Work[] }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const allowed = works.filter((work) => can(work.route));
  const [key, setKey] = useState(allowed[0]?.key);
  const shown = allowed.find((work) => work.key === key) ?? allowed[0];
  if (!shown) return null;
  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="sr-only">{t('farm.work')}</legend>
        {allowed.map((work) => (
          <Button
            key={work.key}
            variant={work.key === shown.key ? 'default' : 'outline'}
            aria-pressed={work.key === shown.key}
            onClick={() => setKey(work.key)}
          >
            {work.label}
          </Button>
        ))}
      </fieldset>
      {shown.carded ? (
        shown.form
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{shown.label}</CardTitle>
          </CardHeader>
          <CardContent>{shown.form}</CardContent>
        </Card>
      )}
    </div>
  );
}
