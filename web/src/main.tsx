import { render } from 'preact';
import { App } from './App';
import { loadMe } from './session/session';
import './ui/styles.css';

loadMe();
render(<App />, document.getElementById('app')!);
