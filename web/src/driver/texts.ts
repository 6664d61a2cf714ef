import { addTexts } from '../i18n';
import de from '../i18n/driver.de.json';
import en from '../i18n/driver.en.json';

addTexts('driver', { de, en });
