import { mount } from '../shared/mount.js';
import { Landing } from './Landing.js';

mount(Landing);
