import { mount } from '../shared/mount.js';
import { Authoring } from './Authoring.js';

mount(Authoring);
