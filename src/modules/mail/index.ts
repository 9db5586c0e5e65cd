export { Mailer } from './mail.service.js';
