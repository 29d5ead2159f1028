import 'element-plus/dist/index.css';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n.ts';
import { router } from './router.ts';

createApp(App).use(createPinia()).use(i18n).use(router).use(ElementPlus).mount('#app');
