import '@gov-design-system-ce/fonts/lib/roboto.css';
import '@gov-design-system-ce/styles/html/tokens.css';
import '@gov-design-system-ce/styles/html/styles.css';
import '@gov-design-system-ce/styles/html/layout.css';
// Only the design system's components the application uses (the whole set is 1 MB of CSS).
import '@gov-design-system-ce/styles/html/components/gov-button.css';
import '@gov-design-system-ce/styles/html/components/gov-form-checkbox.css';
import '@gov-design-system-ce/styles/html/components/gov-form-control.css';
import '@gov-design-system-ce/styles/html/components/gov-form-input.css';
import '@gov-design-system-ce/styles/html/components/gov-form-label.css';
import '@gov-design-system-ce/styles/html/components/gov-form-message.css';
import '@gov-design-system-ce/styles/html/components/gov-form-select.css';
import '@gov-design-system-ce/styles/html/components/gov-icon.css';
import '@gov-design-system-ce/styles/html/components/gov-loading.css';
import '@gov-design-system-ce/styles/html/components/gov-message.css';
import '@gov-design-system-ce/styles/html/components/gov-tag.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { session } from './api/session';
import { prefetchInboxOfAddress } from './pages/inbox-prefetch';

// The session is restored (one refresh call) while the application's code is still starting,
// and the inbox's first page asked for as soon as the session is there: no waiting in a chain.
void session.restore().then((restored) => restored && prefetchInboxOfAddress(window.location));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
