import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config';

/**
 * Provides the validated AppConfig to every module. Named AppConfigModule, not
 * ConfigModule: that name is @nestjs/config's, which this project does not use.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
