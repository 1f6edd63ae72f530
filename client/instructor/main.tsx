import { mount } from '../shared/mount.js';
import { Instructor } from './Instructor.js';

mount(Instructor);
