import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@utrecht/component-library-css/dist/index.css';
import './styles/theme.css';
import './styles/app.css';
import { App } from './app/App';
import { AuthGate } from './app/AuthGate';
import { ConnectionGate } from './app/ConnectionChoice';
import { queryClient } from './data/queries';

const container = document.getElementById('root');
if (!container) throw new Error('#root ontbreekt in index.html');
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ConnectionGate>
        <AuthGate>
          <App />
        </AuthGate>
      </ConnectionGate>
    </QueryClientProvider>
  </StrictMode>,
);
