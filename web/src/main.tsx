import '@kern-ux/native/dist/kern.min.css';
import '@kern-ux/native/dist/fonts/fira-sans.css';
import './app.css';
import { render } from 'preact';
import { App } from './app';

render(<App />, document.getElementById('app')!);

// The app shell and the last known rides keep working offline (public/sw.js).
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
