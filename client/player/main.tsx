import { mount } from '../shared/mount.js';
import { Player } from './Player.js';

mount(Player);
