import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n';
import './index.css';
import { App } from './app';
import { loadBusinessTimeZone } from './lib/format';

const root = document.getElementById('root');
// Dates show in the business's zone from the first render on.
if (root)
  void loadBusinessTimeZone().then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
