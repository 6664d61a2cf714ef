import { addTexts } from '../i18n';
import de from '../i18n/desk.de.json';
import en from '../i18n/desk.en.json';
import bookingDe from '../i18n/desk-booking.de.json';
import bookingEn from '../i18n/desk-booking.en.json';

addTexts('desk', { de, en });
addTexts('deskBooking', { de: bookingDe, en: bookingEn });
