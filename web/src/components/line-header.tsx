import { useTranslation } from 'react-i18next';
import { Button } from './ui/button';

/** The head of one line of a stock form: which product, and a way to drop the line. */
export function LineHeader({
  product,
  onRemove,
  className = 'flex items-center justify-between',
}: {
  product: { sku: string; name: string };
  onRemove: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <span className="font-semibold">
        {product.sku} · {product.name}
      </span>
      <Button type="button" variant="ghost" size="sm" onClick={onRemove}>
        {t('common.remove')}
      </Button>
    </div>
  );
}
