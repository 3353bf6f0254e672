import '@gov-design-system-ce/fonts/lib/roboto.css';
import '@gov-design-system-ce/styles/html/tokens.css';
import '@gov-design-system-ce/styles/html/styles.css';
import '@gov-design-system-ce/styles/html/layout.css';
import '@gov-design-system-ce/styles/html/components.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
