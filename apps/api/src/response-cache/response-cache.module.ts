import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { ResponseCache } from './response-cache.service.js';

@Module({
  imports: [SearchModule],
  providers: [ResponseCache],
  exports: [ResponseCache],
})
export class ResponseCacheModule {}
