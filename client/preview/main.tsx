import { mount } from '../shared/mount.js';
import { TryOut } from './TryOut.js';

mount(TryOut);
