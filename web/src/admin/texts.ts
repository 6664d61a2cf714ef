import { addTexts } from '../i18n';
import de from '../i18n/admin.de.json';
import en from '../i18n/admin.en.json';

addTexts('admin', { de, en });
