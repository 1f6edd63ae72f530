import { mount } from '../shared/mount.js';
import { CasePicker } from './CasePicker.js';

mount(CasePicker);
