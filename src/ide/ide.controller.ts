import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IDE_ASSETS_PATH, ideAssets, type IdeAsset } from './ide-assets.js';

@Controller(IDE_ASSETS_PATH.slice(1))
export class IdeController {
  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!Object.hasOwn(ideAssets, file)) throw new NotFoundException();
    const asset = ideAssets[file as IdeAsset];
    res.type(asset.type).sendFile(asset.file, { root: asset.root, maxAge: '1d' });
  }
}
