// Entry point: mounts the application (app.tsx) into index.html.
import { render } from 'preact';
import { App } from './app';
import './style.css';

render(<App />, document.getElementById('app')!);
