// First, so that the first screen's questions are on their way to Go while the rest of
// the bundle is evaluated (lib/launch.ts).
import './lib/launchNow';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.scss';
import { App } from './App';

document.title = 'Involve';
document.body.classList.add('nhsuk-frontend-supported');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
